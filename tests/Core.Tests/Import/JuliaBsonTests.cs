using MongoDB.Bson;
using Scyfi.Core.Import;
using Scyfi.Core.Models;
using Xunit;
using static Scyfi.Core.Tests.Import.ImportAssert;
using static Scyfi.Core.Tests.Import.JuliaBson;

namespace Scyfi.Core.Tests.Import;

/// <summary>Julia BSON.jl checkpoints built in BSON.jl's encoding: each latent model type, field order, backrefs, refusals.</summary>
public sealed class JuliaBsonTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly double[] A = TorchCheckpointTests.A;
    private static readonly double[,] W1 = TorchCheckpointTests.W1;
    private static readonly double[,] W2 = TorchCheckpointTests.W2;
    private static readonly double[] H1 = TorchCheckpointTests.H1;
    private static readonly double[] H2 = TorchCheckpointTests.H2;

    private string Write(byte[] bson, string name = "model_1000.bson") => _dir.Write(name, bson);

    private static BsonDocument ShallowStruct(string type, bool float32) =>
        Struct(type, Vector(A, float32), Matrix(W1, float32), Matrix(W2, float32), Vector(H1, float32), Vector(H2, float32), BsonNull.Value);

    [Fact]
    public void ShallowPLRNN_in_float32_is_promoted_exactly_in_field_order()
    {
        var model = ModelLoader.Load(Write(Checkpoint(ShallowStruct("shallowPLRNN", float32: true))));
        Same(new ShallowPlrnn(V("A", F32(A)), M("W1", F32(W1)), M("W2", F32(W2)), V("h1", F32(H1)), V("h2", F32(H2))), model);
    }

    [Fact]
    public void ClippedShallowPLRNN_in_float64_loads_as_a_clipped_shplrnn()
    {
        var model = ModelLoader.Load(Write(Checkpoint(ShallowStruct("clippedShallowPLRNN", float32: false))));
        Same(new ClippedShallowPlrnn(V("A", A), M("W1", W1), M("W2", W2), V("h1", H1), V("h2", H2)), model);
    }

    [Fact]
    public void PLRNN_and_ALRNN_structs_load()
    {
        var w = new double[,] { { 0, 0.25, -0.5 }, { 0.75, 0, 0.125 }, { -1, 2, 0 } };
        double[] a = [0.5, -0.5, 0.25], h = [1, -1, 0.5];
        var plrnn = Struct("PLRNN", Vector(a, false), Matrix(w, false), Vector(h, false), BsonNull.Value);
        Same(new Plrnn(V("A", a), M("W", w), V("h", h)), ModelLoader.Load(Write(Checkpoint(plrnn), "plrnn.bson")));

        var alrnn = Struct("ALRNN", Vector(a, false), Matrix(w, false), Vector(h, false), new BsonInt64(2));
        string path = Write(Checkpoint(alrnn), "alrnn.bson");
        Same(new Alrnn(V("A", a), M("W", w), V("h", h), 2), ModelLoader.Load(path));
        Same(new Alrnn(V("A", a), M("W", w), V("h", h), 2), ModelLoader.Load(path, new ImportOptions { ReluCount = 2 }));
        Refused(() => ModelLoader.Load(path, new ImportOptions { ReluCount = 1 }), path, "stores P = 2", "--relu-count 1");
    }

    [Fact]
    public void Backrefs_are_followed_for_arrays_and_whole_structs()
    {
        // BSON.jl writes an object that occurs twice once, in _backrefs, and refers to it by index (1-based).
        var latent = Struct("shallowPLRNN", Backref(1), Matrix(W1, false), Matrix(W2, false), Vector(H1, false), Backref(2), BsonNull.Value);
        var doc = new BsonDocument
        {
            { "model", new BsonArray { Backref(3), Observation() } },
            { "latest", Backref(3) },
            { "_backrefs", new BsonArray { Vector(A, false), Vector(H2, false), latent } },
        };
        Same(TorchCheckpointTests.ExpectedShallow(), ModelLoader.Load(Write(doc.ToBson())));
    }

    [Fact]
    public void Field_order_decides_W1_and_W2_even_when_square()
    {
        var w1 = new double[,] { { 1, 2 }, { 3, 4 } };
        var w2 = new double[,] { { 5, 6 }, { 7, 8 } };
        var latent = Struct("shallowPLRNN", Vector(A, false), Matrix(w1, false), Matrix(w2, false), Vector(H1, false), Vector([0.5, -0.5], false), BsonNull.Value);
        var model = ModelLoader.Load(Write(Checkpoint(latent)));
        Assert.Equal(NpyFile.Flat(w1), model.Parameter("W1")!.Data);
        Assert.Equal(NpyFile.Flat(w2), model.Parameter("W2")!.Data);
    }

    [Theory]
    [InlineData("mcPLRNN", "mean-centred ReLU")]
    [InlineData("dendPLRNN", "dendritic bases")]
    [InlineData("clippedDendPLRNN", "dendritic bases")]
    public void Maps_Scyfi_cannot_represent_are_refused(string type, string feature)
    {
        var latent = Struct(type, Vector([0.5, 0.5], false), Matrix(new double[,] { { 0, 1 }, { 1, 0 } }, false), Vector([0, 0], false), BsonNull.Value);
        string path = Write(Checkpoint(latent));
        Refused(() => ModelLoader.Load(path), path, type, feature, "cannot represent exactly");
    }

    [Fact]
    public void A_file_without_a_latent_model_lists_the_types_it_found()
    {
        string path = Write(new BsonDocument { { "model", new BsonArray { Observation() } } }.ToBson());
        Refused(() => ModelLoader.Load(path), path, "no latent model", "Julia types found: Identity");
    }

    [Fact]
    public void Corrupt_bson_is_named_in_one_line()
    {
        string garbage = Write([12, 0, 0, 0, 2, 65, 0, 9, 9], "garbage.bson");
        Refused(() => ModelLoader.Load(garbage), garbage, "not a readable Julia BSON file");

        var badRef = Struct("shallowPLRNN", Backref(5), Matrix(W1, false), Matrix(W2, false), Vector(H1, false), Vector(H2, false), BsonNull.Value);
        string dangling = Write(Checkpoint(badRef, Vector(A, false)), "dangling.bson");
        Refused(() => ModelLoader.Load(dangling), dangling, "backref 5 is outside _backrefs (1..1)");

        var shortArray = Vector(A, false);
        shortArray["data"] = new BsonBinaryData(new byte[12]);
        var truncated = Struct("shallowPLRNN", shortArray, Matrix(W1, false), Matrix(W2, false), Vector(H1, false), Vector(H2, false), BsonNull.Value);
        string cut = Write(Checkpoint(truncated), "cut.bson");
        Refused(() => ModelLoader.Load(cut), cut, "12 bytes of data", "needs 16");

        var nan = Struct("PLRNN", Vector([0.5, double.NaN], false), Matrix(new double[,] { { 0, 1 }, { 1, 0 } }, false), Vector([0, 0], false), BsonNull.Value);
        string nanPath = Write(Checkpoint(nan), "nan.bson");
        Refused(() => ModelLoader.Load(nanPath), nanPath, "'PLRNN.A' holds NaN at [1]");
    }

    private static double[] F32(double[] v) => v.Select(x => (double)(float)x).ToArray();

    private static double[,] F32(double[,] m)
    {
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                r[i, j] = (float)m[i, j];
        return r;
    }
}
