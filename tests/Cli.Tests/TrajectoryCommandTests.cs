using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MongoDB.Bson;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;

namespace Scyfi.Cli.Tests;

/// <summary>
/// <c>scyfi trajectory</c> on synthetic runs whose answer is known: the skew tent map
/// z' = 0.2 z + 1 (z ≤ 0), a_r z + 1 (z &gt; 0), with a_r moving across 1 (the fixed point's
/// degenerate transcritical bifurcation) between the checkpoints of epochs 20 and 30, at epoch 25,
/// where the logged loss jumps.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TrajectoryCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // a_r at epochs 0, 10, …, 50; W is linear in a_r, so a_r = 1 lies halfway between epochs 20 and 30.
    private static readonly double[] Ar = [0.6, 0.7, 0.8, 1.2, 1.3, 1.4];

    private static string Tent(double ar) => string.Create(CultureInfo.InvariantCulture, $$"""{"type":"plrnn","A":[[0.2]],"W":[[{{ar - 0.2:R}}]],"h":[1]}""");

    /// <summary>A loss plateau at 0.05 (±1% deterministic wiggle) that jumps to 0.8 between epochs 24 and 26.</summary>
    private static string LogCsv(Func<int, double>? loss = null)
    {
        var sb = new StringBuilder("epoch,loss,grad_norm,alpha,seconds\n");
        for (int e = 0; e <= 50; e++)
        {
            double l = loss?.Invoke(e) ?? (e <= 24 ? 0.05 : e >= 26 ? 0.8 : 0.2) * (1 + 0.01 * Math.Sin(1.7 * e));
            sb.Append(CultureInfo.InvariantCulture, $"{e},{l:R},{0.1 + 0.01 * e:R},0,{0.1 * e:R}\n");
        }
        return sb.ToString();
    }

    private string TentRun(string name = "run")
    {
        string run = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(Path.Combine(run, "checkpoints"));
        File.WriteAllText(Path.Combine(run, "log.csv"), LogCsv());
        for (int i = 0; i < Ar.Length; i++) File.WriteAllText(Path.Combine(run, "checkpoints", $"epoch_{10 * i}.json"), Tent(Ar[i]));
        // Not checkpoints: the run's settings and a temporary file.
        File.WriteAllText(Path.Combine(run, "config.json"), "{}");
        File.WriteAllText(Path.Combine(run, "checkpoints", "epoch_60.json.tmp"), "{");
        return run;
    }

    private static JsonElement Single(JsonElement array) => Assert.Single(array.EnumerateArray().ToList());

    [Fact]
    public void Jump_bifurcation_and_their_coincidence_are_found_and_written()
    {
        string run = TentRun();
        var r = CliRunner.Run("trajectory", run, "--max-order", "2", "--threads", "2");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("6 checkpoints, epochs 0–50, PLRNN M = 1, orders 1–2", r.Stdout);
        Assert.Contains("epochs 0–20", r.Stdout);
        Assert.Contains("stable FP", r.Stdout);
        Assert.Contains("1 bifurcation: 1 degenerate-transcritical", r.Stdout);
        Assert.Contains("epoch 25 ", r.Stdout);
        Assert.Contains("1 loss jump:", r.Stdout);
        Assert.Contains("coincides with degenerate-transcritical (order 1) at 25", r.Stdout);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "trajectory.json")));
        var root = doc.RootElement;
        var checkpoints = root.GetProperty("checkpoints").EnumerateArray().ToList();
        Assert.Equal([0, 10, 20, 30, 40, 50], checkpoints.Select(c => c.GetProperty("epoch").GetInt32()));
        Assert.Equal([1, 1, 1, 0, 0, 0], checkpoints.Select(c => c.GetProperty("objects").GetArrayLength()));
        var fp = checkpoints[0].GetProperty("objects")[0];
        Assert.Equal(1, fp.GetProperty("order").GetInt32());
        Assert.Equal("stable", fp.GetProperty("stability").GetString());
        Assert.Equal("1", fp.GetProperty("itinerary")[0].GetString());
        Assert.Equal(1 / (1 - 0.6), fp.GetProperty("points")[0][0].GetDouble(), 12);   // O_R = μ/(1 − a_r)
        Assert.Equal(0.6, fp.GetProperty("spectralRadius").GetDouble(), 12);

        var b = Single(root.GetProperty("bifurcations"));
        Assert.Equal("degenerate-transcritical", b.GetProperty("type").GetString());
        Assert.Equal(1, b.GetProperty("order").GetInt32());
        Assert.Equal(25.0, b.GetProperty("epoch").GetDouble(), 6);
        Assert.Equal(2.5, b.GetProperty("checkpoint").GetDouble(), 7);
        Assert.Equal([20.0, 30.0], b.GetProperty("between").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal("vanishes", b.GetProperty("detail").GetProperty("change").GetString());

        var j = Single(root.GetProperty("jumps"));
        Assert.Equal((24, 26, "increase"), (j.GetProperty("from").GetInt32(), j.GetProperty("to").GetInt32(), j.GetProperty("kind").GetString()));
        Assert.Equal(Math.Log10(0.8 / 0.05), j.GetProperty("size").GetDouble(), 1);

        var c = Single(root.GetProperty("coincidences"));
        Assert.Equal(j.GetProperty("epoch").GetInt32(), c.GetProperty("jumpEpoch").GetInt32());
        Assert.Equal([14.0, 36.0], c.GetProperty("window").EnumerateArray().Select(x => x.GetDouble()));
        var cb = Single(c.GetProperty("bifurcations"));
        Assert.Equal("degenerate-transcritical", cb.GetProperty("type").GetString());
        Assert.Equal(25.0, cb.GetProperty("epoch").GetDouble(), 6);

        var rule = root.GetProperty("rule");
        Assert.Equal(20, rule.GetProperty("window").GetInt32());
        Assert.Contains("log10(loss)", rule.GetProperty("jumps").GetString());
        Assert.Equal(1.0, root.GetProperty("diagram").GetProperty("pc1")[0].GetDouble());
        Assert.Equal("in-process", root.GetProperty("stats").GetProperty("mode").GetString());
        Assert.Equal(6, root.GetProperty("stats").GetProperty("checkpoints").GetInt32());

        foreach (string f in new[] { "loss.png", "loss.svg", "diagram.png", "diagram.svg" })
            Assert.True(new FileInfo(Path.Combine(run, f)).Length > 1000, f);
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
    }

    [Fact]
    public void A_jump_far_from_every_bifurcation_does_not_coincide_and_divergence_is_a_jump()
    {
        string run = TentRun();
        // The loss drops at epoch 45 (beyond 30 + one spacing) and is NaN at epochs 48–49.
        File.WriteAllText(Path.Combine(run, "log.csv"), LogCsv(e => e is 48 or 49 ? double.NaN : (e < 45 ? 0.05 : 0.004) * (1 + 0.01 * Math.Sin(1.7 * e))));
        string outDir = Path.Combine(_dir.Path, "out");
        var r = CliRunner.Run("trajectory", run, "--orders", "1", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "trajectory.json")));
        var jumps = doc.RootElement.GetProperty("jumps").EnumerateArray().ToList();
        Assert.Equal(["decrease", "diverged"], jumps.Select(j => j.GetProperty("kind").GetString()));
        Assert.Equal((44, 45), (jumps[0].GetProperty("from").GetInt32(), jumps[0].GetProperty("to").GetInt32()));
        Assert.Equal((47, 48), (jumps[1].GetProperty("from").GetInt32(), jumps[1].GetProperty("to").GetInt32()));
        Assert.Equal(JsonValueKind.Null, jumps[1].GetProperty("size").ValueKind);
        Assert.All(doc.RootElement.GetProperty("coincidences").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("bifurcations").GetArrayLength()));
        Assert.Contains("no bifurcation within epochs 34–55", r.Stdout);
        Assert.False(File.Exists(Path.Combine(run, "trajectory.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "loss.png")));
    }

    [Fact]
    public void A_folder_of_julia_checkpoints_without_a_log_is_analysed()
    {
        string folder = Path.Combine(_dir.Path, "bson");
        Directory.CreateDirectory(folder);
        for (int i = 0; i < Ar.Length; i++) File.WriteAllBytes(Path.Combine(folder, $"model_{100 * i}.bson"), PlrnnBson(0.2, Ar[i] - 0.2, 1));
        File.WriteAllText(Path.Combine(folder, "args.json"), "{}");
        var r = CliRunner.Run("trajectory", folder, "--max-order", "1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("no log.csv", r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "trajectory.json")));
        var b = Single(doc.RootElement.GetProperty("bifurcations"));
        Assert.Equal("degenerate-transcritical", b.GetProperty("type").GetString());
        Assert.Equal(250.0, b.GetProperty("epoch").GetDouble(), 3);   // float32 parameters: a few ulps off
        Assert.Equal(0, doc.RootElement.GetProperty("jumps").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(folder, "loss.png")));
        Assert.True(File.Exists(Path.Combine(folder, "diagram.png")));
    }

    [Fact]
    public async Task Cluster_mode_gives_the_in_process_result()
    {
        string run = TentRun();
        string store = Path.Combine(_dir.Path, "cluster.db");
        int port = LoopbackPort.Free();
        var location = StoreLocation.Parse(store);
        var sweepStore = new SweepStore(location);
        sweepStore.EnsureReady();
        var settings = new ScyfiNodeSettings { Port = port, JournalConnectionString = location.ConnectionString, JournalProvider = location.AkkaProviderName };
        var node = await ScyfiNode.StartAsync(settings, sweepStore);
        try
        {
            string outDir = Path.Combine(_dir.Path, "cluster-out");
            var r = CliRunner.Run("trajectory", run, "--max-order", "2", "--cluster", $"akka.tcp://scyfi@127.0.0.1:{port}", "--store", store, "--out", outDir);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("cluster", r.Stdout);
            Assert.Contains("coincides with degenerate-transcritical (order 1) at 25", r.Stdout);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "trajectory.json")));
            var b = Single(doc.RootElement.GetProperty("bifurcations"));
            Assert.Equal(25.0, b.GetProperty("epoch").GetDouble(), 6);
            Assert.StartsWith("s", doc.RootElement.GetProperty("stats").GetProperty("sweepId").GetString());
        }
        finally
        {
            await node.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public void Bad_inputs_are_one_line_errors()
    {
        string run = TentRun();
        BadInput.AssertRejected(CliRunner.Run("trajectory", Path.Combine(_dir.Path, "nope"), "--max-order", "2"), "not found");
        BadInput.AssertRejected(CliRunner.Run("trajectory", Path.Combine(run, "log.csv"), "--max-order", "2"), "is a file");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run), "missing --max-order");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run, "--max-order", "0"), "--max-order must be at least 1");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run, "--max-order", "2", "--threads", "0"), "--threads");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run, "--max-order", "2", "--out", Path.Combine(run, "log.csv")), "is a file");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run, "--max-order", "2", "--store", Path.Combine(_dir.Path, "s.db")), "--store applies with --cluster");

        string empty = Path.Combine(_dir.Path, "empty");
        Directory.CreateDirectory(empty);
        BadInput.AssertRejected(CliRunner.Run("trajectory", empty, "--max-order", "2"), "no checkpoints");
        File.WriteAllText(Path.Combine(empty, "model_5.json"), Tent(0.5));
        BadInput.AssertRejected(CliRunner.Run("trajectory", empty, "--max-order", "2"), "only one checkpoint");
        File.WriteAllText(Path.Combine(empty, "model_9.json"), """{"type":"plrnn","A":[0.2,0.1],"W":[[0,1],[1,0]],"h":[1,1]}""");
        BadInput.AssertRejected(CliRunner.Run("trajectory", empty, "--max-order", "2"), "one model type and shape");
        File.WriteAllText(Path.Combine(empty, "model_9.json"), "{\"type\":");
        BadInput.AssertRejected(CliRunner.Run("trajectory", empty, "--max-order", "2"), "model_9.json");
        File.Delete(Path.Combine(empty, "model_9.json"));
        File.WriteAllText(Path.Combine(empty, "checkpoint_5.npz"), "");
        BadInput.AssertRejected(CliRunner.Run("trajectory", empty, "--max-order", "2"), "both have epoch 5");

        File.WriteAllText(Path.Combine(run, "log.csv"), "epoch,loss\n0,1\n");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run, "--max-order", "2"), "no column 'grad_norm'");
        File.WriteAllText(Path.Combine(run, "log.csv"), "epoch,loss,grad_norm,alpha,seconds\n0,abc,1,0,0\n");
        BadInput.AssertRejected(CliRunner.Run("trajectory", run, "--max-order", "2"), "'abc' is not a number");
    }

    /// <summary>A Julia BSON.jl checkpoint of a 1-D PLRNN (Float32 arrays, as the Julia code saves them).</summary>
    private static byte[] PlrnnBson(double a, double w, double h)
    {
        static BsonDocument DataType(params string[] name) => new() { { "tag", "datatype" }, { "name", new BsonArray(name) }, { "params", new BsonArray() } };
        static BsonDocument Array(long[] size, double[] values)
        {
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)values[i]);
            return new BsonDocument
            {
                { "tag", "array" }, { "type", DataType("Core", "Float32") },
                { "size", new BsonArray(size.Select(s => (BsonValue)new BsonInt64(s))) }, { "data", new BsonBinaryData(bytes) },
            };
        }
        var plrnn = new BsonDocument
        {
            { "tag", "struct" }, { "type", DataType("Main", "GTF", "PLRNN") },
            { "data", new BsonArray { Array([1], [a]), Array([1, 1], [w]), Array([1], [h]), BsonNull.Value } },
        };
        return new BsonDocument { { "model", new BsonArray { plrnn } } }.ToBson();
    }
}
