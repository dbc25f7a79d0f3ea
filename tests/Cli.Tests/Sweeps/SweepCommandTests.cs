using System.Text.Json;

namespace Scyfi.Cli.Tests.Sweeps;

/// <summary><c>scyfi sweep</c> end to end: the files it writes and their contents.</summary>
[Collection(CliCollection.Name)]
public sealed class SweepCommandTests
{
    private static List<string> Tables(string sqliteFile, string name)
    {
        Assert.True(File.Exists(sqliteFile), sqliteFile);
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = $n";
        cmd.Parameters.AddWithValue("$n", name);
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    [Fact]
    public void Sweep_writes_points_bifurcations_summary_and_map()
    {
        using var dir = new TempDirectory();
        dir.Write("tent.json", TentSweep.Model);
        string spec = dir.Write("spec.json", TentSweep.Spec());
        string outDir = Path.Combine(dir.Path, "out");
        var r = CliRunner.Run("sweep", spec, "--out", outDir, "--threads", "2", "--store", Path.Combine(dir.Path, "store.db"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("41 grid, 41 points", r.Stdout);
        Assert.Contains("completed", r.Stdout);
        Assert.Contains("3 bifurcations", r.Stdout);

        var lines = File.ReadAllLines(Path.Combine(outDir, "points.csv"));
        Assert.Equal("a_r,n1,s1,n2,s2,degenerate", lines[0]);
        Assert.Equal(42, lines.Length);
        // a_r = -2: stable 2-cycle + unstable FP; a_r = 0: stable FP only; a_r = 2: nothing.
        Assert.Equal("-2,1,0,1,1,0", lines[1]);
        Assert.Equal("0,1,1,0,0,0", lines[21]);
        Assert.Equal("2,0,0,0,0,0", lines[41]);

        using var bif = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bifurcations.json")));
        var list = bif.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, list.Count);
        foreach (var b in list)
        {
            double at = b.GetProperty("at").GetProperty("a_r").GetDouble();
            Assert.True(Math.Abs(Math.Abs(at) - 1) < 1e-6, $"bifurcation at {at}");
            Assert.Contains(b.GetProperty("type").GetString(), new[] { "border-collision", "degenerate-flip", "degenerate-transcritical" });
            Assert.True(b.GetProperty("order").GetInt32() is 1 or 2);
            Assert.True(b.TryGetProperty("detail", out _));
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var s = summary.RootElement;
        Assert.Equal(41, s.GetProperty("gridPoints").GetInt32());
        Assert.Equal(1, s.GetProperty("bifurcations").GetProperty("degenerate-flip").GetInt32());
        Assert.True(s.GetProperty("regimes").TryGetProperty("stable 2-cycle + unstable FP", out _));
        Assert.True(s.GetProperty("timings").GetProperty("totalSeconds").GetDouble() >= 0);
        Assert.Equal("plrnn", s.GetProperty("spec").GetProperty("model").GetProperty("type").GetString());

        Assert.True(new FileInfo(Path.Combine(outDir, "map.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(outDir, "map.svg")).Length > 1000);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));

        // Sharding keeps its state in a file of its own (one SQLite writer per file), the store
        // keeps the journal and the results.
        Assert.Equal(["sharding_journal"], Tables(Path.Combine(dir.Path, "store.sharding.db"), "sharding_journal"));
        Assert.Empty(Tables(Path.Combine(dir.Path, "store.db"), "sharding_journal"));
        Assert.Equal(["scyfi_point_batches"], Tables(Path.Combine(dir.Path, "store.db"), "scyfi_point_batches"));
    }

    [Fact]
    public void Inline_model_and_refine_modes_give_the_same_bifurcation_types()
    {
        using var dir = new TempDirectory();
        string spec = dir.Write("spec.json", TentSweep.Spec(TentSweep.Model, points: 30));
        var types = new Dictionary<string, string[]>();
        foreach (var mode in new[] { "edges", "adaptive", "none" })
        {
            string outDir = Path.Combine(dir.Path, mode);
            var r = CliRunner.Run("sweep", spec, "--out", outDir, "--refine", mode, "--threads", "2", "--store", Path.Combine(dir.Path, "store.db"));
            Assert.True(r.ExitCode == 0, r.ToString());
            using var bif = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bifurcations.json")));
            types[mode] = bif.RootElement.EnumerateArray().Select(b => b.GetProperty("type").GetString()!).Order().ToArray();
        }
        Assert.Equal(types["edges"], types["adaptive"]);
        Assert.Equal(types["edges"], types["none"]);
    }

    public static TheoryData<string, string> BadSpecs() => new()
    {
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"V[0,0]":{"a":1}}}""", "unknown entry 'V[0,0]'" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[1,0]":{"a":1}}}""", "out of range" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"h[3]":{"a":1}}}""", "out of range" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5},{"name":"b","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"a":1}}}""", "axis 'b' is not used" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1e400,"points":5}],"set":{"W[0,0]":{"a":1}}}""", "not a finite number" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"a":"x"}}}""", "must be a number" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"c":1}}}""", "'c', which is not an axis" },
        { """{"model":"tent.json","maxOrder":0,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"a":1}}}""", "maxOrder" },
        { """{"model":"tent.json","maxOrder":2,"axes":[],"set":{"W[0,0]":{"a":1}}}""", "one or two axes" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":1}],"set":{"W[0,0]":{"a":1}}}""", "points must be at least 2" },
        { """{"model":"missing.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"a":1}}}""", "not found" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"a":1}},"colour":"red"}""", "unknown field \"colour\"" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}],"set":{"W[0,0]":{"a":1}},"tile":0}""", "tile" },
        { """{"model":"tent.json","maxOrder":2,"axes":[{"name":"a","from":0,"to":1,"points":5}]""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Bad_specs_are_named_in_one_line_and_nothing_is_written(string spec, string mentions)
    {
        using var dir = new TempDirectory();
        dir.Write("tent.json", TentSweep.Model);
        string path = dir.Write("spec.json", spec);
        string outDir = Path.Combine(dir.Path, "out");
        var r = CliRunner.Run("sweep", path, "--out", outDir, "--store", Path.Combine(dir.Path, "store.db"));
        BadInput.AssertRejected(r, mentions);
        Assert.False(Directory.Exists(outDir), "a rejected spec must not create the output directory");
        Assert.False(File.Exists(Path.Combine(dir.Path, "store.db")), "a rejected spec must not create the store");
    }

    [Theory]
    [InlineData("--refine", "sideways", "sideways")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--adaptive-depth", "40", "--adaptive-depth")]
    public void Bad_options_are_rejected(string option, string value, string mentions)
    {
        using var dir = new TempDirectory();
        dir.Write("tent.json", TentSweep.Model);
        string spec = dir.Write("spec.json", TentSweep.Spec());
        BadInput.AssertRejected(CliRunner.Run("sweep", spec, "--out", Path.Combine(dir.Path, "o"), option, value), mentions);
    }

    [Fact]
    public void Missing_out_is_rejected()
    {
        using var dir = new TempDirectory();
        dir.Write("tent.json", TentSweep.Model);
        BadInput.AssertRejected(CliRunner.Run("sweep", dir.Write("spec.json", TentSweep.Spec())), "--out");
    }
}
