using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MongoDB.Bson;
using Scyfi.Core.Models;

namespace Scyfi.Cli.Tests;

/// <summary>
/// <c>scyfi convert</c> and checkpoints given to <c>scyfi find</c>: exit codes, one-line errors, and the same
/// objects from a checkpoint as from the equivalent model JSON. The PyTorch checkpoints are the CPython-made
/// fixtures of tests/data/checkpoints (float64 copies of reference cases); BSON and .npz files are written here.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ConvertCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "checkpoints", name);

    [Theory]
    [InlineData("shplrnn_m2_h10_fp.pt", "shplrnn_m2_h10_fp", "shplrnn, M = 2, L = 10")]
    [InlineData("alrnn_8cycle_m2_p1.pt", "alrnn_8cycle", "alrnn, M = 2, P = 1")]
    [InlineData("gt16_run/model_1000.pt", "gt16", "plrnn, M = 2")]
    public void Convert_writes_the_model_json_of_the_checkpoint(string checkpoint, string equivalentCase, string summary)
    {
        string output = Path.Combine(_dir.Path, "model.json");
        var r = CliRunner.Run("convert", Fixture(checkpoint), "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"{output}: {summary}\n", r.Stdout);
        Assert.Equal("", r.Stderr);
        // Bit-identical parameters: the written file serialises exactly like the reference case.
        Assert.Equal(ModelFile.ToJson(ModelFile.Load(CaseFiles.Model(equivalentCase))), ModelFile.ToJson(ModelFile.Load(output)));
    }

    [Theory]
    [InlineData("shplrnn_m2_h10_fp.pt", "shplrnn_m2_h10_fp", 4)]
    [InlineData("alrnn_8cycle_m2_p1.pt", "alrnn_8cycle", 11)]
    [InlineData("gt16_run/model_1000.pt", "gt16", 16)]
    public void Find_on_a_checkpoint_gives_the_same_objects_as_on_the_equivalent_json(string checkpoint, string equivalentCase, int maxOrder)
    {
        string k = maxOrder.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fromCheckpoint = CliRunner.Run("find", Fixture(checkpoint), "--max-order", k, "--json", "--threads", "2", "--seed", "3");
        var fromJson = CliRunner.Run("find", CaseFiles.Model(equivalentCase), "--max-order", k, "--json", "--threads", "2", "--seed", "3");
        using var a = FindJsonSchema.ParseAndValidate(fromCheckpoint, threads: 2, seed: 3);
        using var b = FindJsonSchema.ParseAndValidate(fromJson, threads: 2, seed: 3);
        Assert.Equal(b.RootElement.GetProperty("model").GetRawText(), a.RootElement.GetProperty("model").GetRawText());
        Assert.Equal(b.RootElement.GetProperty("counts").GetRawText(), a.RootElement.GetProperty("counts").GetRawText());
        Assert.Equal(b.RootElement.GetProperty("objects").GetRawText(), a.RootElement.GetProperty("objects").GetRawText());
        Assert.NotEmpty(a.RootElement.GetProperty("objects").EnumerateArray());
    }

    [Fact]
    public void ALRNN_checkpoint_without_P_asks_for_relu_count_and_takes_it()
    {
        string checkpoint = _dir.Write("alrnn.pt", File.ReadAllBytes(Fixture("alrnn_8cycle_m2_p1.pt")));
        BadInput.AssertRejected(CliRunner.Run("find", checkpoint, "--max-order", "2"), "pass --relu-count P");
        BadInput.AssertRejected(CliRunner.Run("convert", checkpoint, "--out", Path.Combine(_dir.Path, "m.json")), "pass --relu-count P");

        var r = CliRunner.Run("find", checkpoint, "--max-order", "8", "--relu-count", "1", "--json", "--threads", "1", "--seed", "2");
        var json = CliRunner.Run("find", CaseFiles.Model("alrnn_8cycle"), "--max-order", "8", "--json", "--threads", "1", "--seed", "2");
        using var a = FindJsonSchema.ParseAndValidate(r, threads: 1, seed: 2);
        using var b = FindJsonSchema.ParseAndValidate(json, threads: 1, seed: 2);
        Assert.Equal(b.RootElement.GetProperty("objects").GetRawText(), a.RootElement.GetProperty("objects").GetRawText());

        BadInput.AssertRejected(CliRunner.Run("find", checkpoint, "--max-order", "2", "--relu-count", "3"), "--relu-count 3 must lie between 0 and M = 2");
        BadInput.AssertRejected(CliRunner.Run("find", checkpoint, "--max-order", "2", "--relu-count", "one"), "--relu-count");
    }

    [Fact]
    public void Convert_to_stdout_prints_the_model_json()
    {
        var r = CliRunner.Run("convert", Fixture("alrnn_8cycle_m2_p1.pt"), "--out", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        Assert.Equal(ModelFile.ToJson(ModelFile.Load(CaseFiles.Model("alrnn_8cycle"))), ModelFile.ToJson(ModelFile.Parse(r.Stdout)));
    }

    [Fact]
    public void Julia_bson_and_numpy_npz_checkpoints_convert()
    {
        string bson = _dir.Write("model_100.bson", ShallowBson("clippedShallowPLRNN"));
        string output = Path.Combine(_dir.Path, "clipped.json");
        var r = CliRunner.Run("convert", bson, "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        var model = Assert.IsType<ClippedShallowPlrnn>(ModelFile.Load(output));
        Assert.Equal([(double)0.1f, (double)-0.7f], model.Parameter("A")!.Data);

        string npz = _dir.Write("alrnn_m2_p1.npz", Npz(("A", [2], [0.5, 0.25]), ("W", [2, 2], [0, 0.5, -0.5, 0]), ("h", [2], [1, -1])));
        r = CliRunner.Run("convert", npz, "-o", Path.Combine(_dir.Path, "alrnn.json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(1, Assert.IsType<Alrnn>(ModelFile.Load(Path.Combine(_dir.Path, "alrnn.json"))).ReluCount);
    }

    [Fact]
    public void Square_shplrnn_asks_which_matrix_is_W1_and_takes_the_answer()
    {
        string npz = _dir.Write("square.npz", Npz(("A", [2], [0.5, 0.25]), ("W1", [2, 2], [1, 2, 3, 4]), ("W2", [2, 2], [5, 6, 7, 8]),
            ("h1", [2], [0, 0]), ("h2", [2], [1, -1])));
        string output = Path.Combine(_dir.Path, "sq.json");
        BadInput.AssertRejected(CliRunner.Run("convert", npz, "--out", output), "--w1 W2");
        Assert.False(File.Exists(output));
        var r = CliRunner.Run("convert", npz, "--out", output, "--w1", "W2");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal([5.0, 6, 7, 8], ModelFile.Load(output).Parameter("W1")!.Data);
        BadInput.AssertRejected(CliRunner.Run("find", npz, "--max-order", "1", "--w1", "W3"), "--w1 must be W1 or W2");
    }

    [Fact]
    public void Refused_maps_name_the_feature()
    {
        string mc = _dir.Write("mc.bson", ShallowBsonPlrnn("mcPLRNN"));
        BadInput.AssertRejected(CliRunner.Run("convert", mc, "--out", Path.Combine(_dir.Path, "x.json")), "mean-centred ReLU");
        BadInput.AssertRejected(CliRunner.Run("find", mc, "--max-order", "2"), "mean-centred ReLU");
        string dend = _dir.Write("dend.bson", ShallowBsonPlrnn("dendPLRNN"));
        BadInput.AssertRejected(CliRunner.Run("find", dend, "--max-order", "2"), "dendritic bases");
        // The AW layout of the dendPLRNN code, without the run's hypers: its defaults centre and clip.
        string aw = _dir.Write("model_5.pt", AwCheckpointFromFixture());
        BadInput.AssertRejected(CliRunner.Run("find", aw, "--max-order", "2"), "mean_centering = 1 and clip_range = 10");
    }

    [Fact]
    public void Bad_invocations_and_files_exit_2_with_one_line()
    {
        string ok = Fixture("shplrnn_m2_h10_fp.pt");
        BadInput.AssertRejected(CliRunner.Run("convert", ok), "missing --out");
        BadInput.AssertRejected(CliRunner.Run("convert", ok, "--out", _dir.Path), "is a directory");
        string copy = _dir.Write("copy.pt", File.ReadAllBytes(ok));
        BadInput.AssertRejected(CliRunner.Run("convert", copy, "--out", copy), "is the checkpoint itself");
        BadInput.AssertRejected(CliRunner.Run("convert", Path.Combine(_dir.Path, "none.pt"), "--out", "x.json"), "not found");
        string corrupt = _dir.Write("corrupt.pt", "PK\u0003\u0004 definitely not a checkpoint"u8.ToArray());
        BadInput.AssertRejected(CliRunner.Run("convert", corrupt, "--out", Path.Combine(_dir.Path, "x.json")), "not a readable PyTorch checkpoint");
        BadInput.AssertRejected(CliRunner.Run("find", corrupt, "--max-order", "2"), "not a readable PyTorch checkpoint");
        string garbage = _dir.Write("model.bson", [1, 2, 3]);
        BadInput.AssertRejected(CliRunner.Run("find", garbage, "--max-order", "2"), "not a readable Julia BSON file");
        BadInput.AssertRejected(CliRunner.Run("find", CaseFiles.Model("gt16"), "--max-order", "2", "--relu-count", "1"), "only applies to checkpoints");
        BadInput.AssertRejected(CliRunner.Run("convert", ok, "--out", Path.Combine(_dir.Path, "x.json"), "--relu-count", "2"), "--relu-count is for ALRNN checkpoints");
    }

    /// <summary>A gt16 AW checkpoint without the hypers.pkl that sits beside the fixture.</summary>
    private static byte[] AwCheckpointFromFixture() => File.ReadAllBytes(Fixture("gt16_run/model_1000.pt"));

    private static byte[] ShallowBson(string type) => new BsonDocument
    {
        { "model", new BsonArray
            {
                Struct(type, Array([2], [0.1, -0.7]), Array([2, 3], [1, 2, 3, 4, 5, 6]), Array([3, 2], [1, 2, 3, 4, 5, 6]),
                    Array([2], [0, 0]), Array([3], [1, 1, 1]), BsonNull.Value),
            }
        },
    }.ToBson();

    private static byte[] ShallowBsonPlrnn(string type) => new BsonDocument
    {
        { "model", new BsonArray { Struct(type, Array([2], [0.5, 0.5]), Array([2, 2], [0, 1, 1, 0]), Array([2], [0, 0]), BsonNull.Value) } },
    }.ToBson();

    private static BsonDocument DataType(params string[] name) => new() { { "tag", "datatype" }, { "name", new BsonArray(name) }, { "params", new BsonArray() } };

    private static BsonDocument Struct(string type, params BsonValue[] fields) => new()
    {
        { "tag", "struct" }, { "type", DataType("Main", "GTF", type) }, { "data", new BsonArray(fields) },
    };

    /// <summary>A Float32 BSON.jl array; values in column-major order.</summary>
    private static BsonDocument Array(long[] size, double[] columnMajor)
    {
        var bytes = new byte[columnMajor.Length * 4];
        for (int i = 0; i < columnMajor.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)columnMajor[i]);
        return new BsonDocument
        {
            { "tag", "array" }, { "type", DataType("Core", "Float32") },
            { "size", new BsonArray(size.Select(s => (BsonValue)new BsonInt64(s))) }, { "data", new BsonBinaryData(bytes) },
        };
    }

    /// <summary>An .npz of little-endian float64 arrays (values row-major).</summary>
    private static byte[] Npz(params (string Name, int[] Shape, double[] Values)[] arrays)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, shape, values) in arrays)
            {
                string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
                string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";
                header = header.PadRight(63 - 10 - (header.Length + 10) % 64 + header.Length + 1) + "\n";
                using var s = zip.CreateEntry(name + ".npy").Open();
                s.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
                var len = new byte[2];
                BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
                s.Write(len);
                s.Write(Encoding.Latin1.GetBytes(header));
                var b = new byte[8];
                foreach (double v in values)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(b, v);
                    s.Write(b);
                }
            }
        return ms.ToArray();
    }
}
