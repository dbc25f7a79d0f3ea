using System.Text.Json;

namespace Scyfi.Cli.Tests;

/// <summary><c>scyfi simulate</c> and <c>scyfi train</c> end to end, and every kind of bad input.</summary>
[Collection(CliCollection.Name)]
public sealed class TrainingCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Simulate(string name, params string[] extra)
    {
        string path = Path.Combine(_dir.Path, name);
        var r = CliRunner.Run(["simulate", CaseFiles.Model("gt16"), "--steps", "300", "--noise", "0.01", "--seed", "4", "--transient", "50", "--out", path, .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"wrote 300 steps × 2 variables to {path}", r.Stdout);
        return path;
    }

    private static string[] Tiny(string data, string outDir) =>
        ["train", data, "--model", "plrnn", "--latent", "2", "--epochs", "3", "--seq-len", "20", "--batch", "4",
         "--batches-per-epoch", "5", "--lr", "0.01", "--seed", "2", "--checkpoint-every", "2", "--out", outDir];

    [Fact]
    public void Simulate_then_train_writes_log_config_and_checkpoints_find_can_read()
    {
        string data = Simulate("gt16.csv");
        var lines = File.ReadAllLines(data);
        Assert.Equal("z1,z2", lines[0]);
        Assert.Equal(301, lines.Length);

        string run = Path.Combine(_dir.Path, "run");
        var r = CliRunner.Run(Tiny(data, run));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("trained plrnn (M = 2) with bptt for 3 epochs", r.Stdout);
        Assert.Contains("3 checkpoints", r.Stdout);

        var log = File.ReadAllLines(Path.Combine(run, "log.csv"));
        Assert.Equal("epoch,loss,grad_norm,alpha,seconds", log[0]);
        Assert.Equal(["0", "1", "2", "3"], log.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(["epoch_0.json", "epoch_2.json", "epoch_3.json"],
            Directory.GetFiles(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal("bptt", config.RootElement.GetProperty("method").GetString());
        Assert.Equal(20, config.RootElement.GetProperty("sequenceLength").GetInt32());
        Assert.Equal(300, config.RootElement.GetProperty("data").GetProperty("steps").GetInt32());

        var find = CliRunner.Run("find", Path.Combine(run, "checkpoints", "epoch_3.json"), "--max-order", "2", "--json");
        Assert.True(find.ExitCode == 0, find.ToString());
        using var found = JsonDocument.Parse(find.Stdout);
        Assert.Equal("plrnn", found.RootElement.GetProperty("model").GetProperty("type").GetString());

        // The same command again is deterministic (apart from the timing column).
        string again = Path.Combine(_dir.Path, "again");
        Assert.Equal(0, CliRunner.Run(Tiny(data, again)).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(run, "checkpoints", "epoch_3.json")), File.ReadAllText(Path.Combine(again, "checkpoints", "epoch_3.json")));
        Assert.Equal(log.Select(l => l[..l.LastIndexOf(',')]), File.ReadAllLines(Path.Combine(again, "log.csv")).Select(l => l[..l.LastIndexOf(',')]));
    }

    [Fact]
    public void Npy_data_trains_a_standardised_shplrnn_with_gtf()
    {
        string data = Simulate("gt16.npy");
        string run = Path.Combine(_dir.Path, "run");
        var r = CliRunner.Run("train", data, "--model", "shplrnn", "--latent", "3", "--hidden", "6", "--method", "gtf", "--alpha", "0.2",
            "--epochs", "2", "--seq-len", "15", "--batch", "4", "--batches-per-epoch", "3", "--optimizer", "adam", "--clip", "5",
            "--standardize", "--out", run);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("with gtf (α = 0.2)", r.Stdout);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.True(config.RootElement.GetProperty("data").GetProperty("standardized").GetBoolean());
        Assert.Equal(2, config.RootElement.GetProperty("data").GetProperty("mean").GetArrayLength());
        Assert.All(File.ReadAllLines(Path.Combine(run, "log.csv")).Skip(1), l => Assert.Equal("0.2", l.Split(',')[3]));
        var find = CliRunner.Run("find", Path.Combine(run, "checkpoints", "epoch_2.json"), "--max-order", "1");
        Assert.True(find.ExitCode == 0, find.ToString());
    }

    [Fact]
    public void An_existing_run_is_refused_without_overwrite()
    {
        string data = Simulate("d.csv");
        string run = Path.Combine(_dir.Path, "run");
        Assert.Equal(0, CliRunner.Run(Tiny(data, run)).ExitCode);
        BadInput.AssertRejected(CliRunner.Run(Tiny(data, run)), "already holds a training run");
        Assert.Equal(0, CliRunner.Run([.. Tiny(data, run), "--overwrite"]).ExitCode);
    }

    [Theory]
    [InlineData("--model lstm", "lstm")]
    [InlineData("--method sgd", "sgd")]
    [InlineData("--optimizer sgd", "sgd")]
    [InlineData("--method gtf --alpha 1.5", "--alpha must lie in [0, 1]")]
    [InlineData("--method gtf --alpha -0.1", "--alpha must lie in [0, 1]")]
    [InlineData("--alpha 0.3", "--alpha applies to --method gtf")]
    [InlineData("--latent 1", "--latent M = 1 is smaller than the data dimension N = 2")]
    [InlineData("--latent 0", "--latent must be at least 1")]
    [InlineData("--hidden 4", "--hidden applies to shplrnn")]
    [InlineData("--relu-count 1", "--relu-count applies to alrnn")]
    [InlineData("--seq-len 400", "--seq-len 400 is longer than the data (300 time steps)")]
    [InlineData("--seq-len 1", "--seq-len must be at least 2")]
    [InlineData("--epochs 0", "--epochs must be at least 1")]
    [InlineData("--batch 0", "--batch must be at least 1")]
    [InlineData("--lr 0", "--lr must be a positive number")]
    [InlineData("--clip -1", "--clip must be a positive number")]
    [InlineData("--checkpoint-every 0", "--checkpoint-every must be at least 1")]
    [InlineData("--epochs x", "x")]
    public void Bad_train_options_are_named_in_one_line(string extra, string mentions)
    {
        string data = Simulate("d.csv");
        var args = Tiny(data, Path.Combine(_dir.Path, "run")).ToList();
        var words = extra.Split(' ');
        // A repeated option would be ambiguous: drop the default the tiny run gives it.
        int at = args.IndexOf(words[0]);
        if (at >= 0) args.RemoveRange(at, 2);
        args.AddRange(words);
        BadInput.AssertRejected(CliRunner.Run(args.ToArray()), mentions);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "run", "log.csv")));
    }

    [Theory]
    [InlineData("shplrnn", "missing --hidden L")]
    [InlineData("clipped-shplrnn", "missing --hidden L")]
    [InlineData("alrnn", "missing --relu-count P")]
    public void Family_specific_sizes_are_required(string family, string mentions)
    {
        string data = Simulate("d.csv");
        var args = Tiny(data, Path.Combine(_dir.Path, "run"));
        args[Array.IndexOf(args, "plrnn")] = family;
        BadInput.AssertRejected(CliRunner.Run(args), mentions);
    }

    [Theory]
    [InlineData("z1,z2\n1,2\n3,NaN\n4,5\n", "step 2, column 2 is NaN")]
    [InlineData("z1,z2\n1,2\n3\n", "line 3 has 1 values, expected 2")]
    [InlineData("z1,z2\n1,2\n3,x\n", "'x' is not a number")]
    [InlineData("z1,z2\n", "no data rows")]
    public void Bad_data_files_are_named(string content, string mentions)
    {
        string data = _dir.Write("bad.csv", content);
        BadInput.AssertRejected(CliRunner.Run(Tiny(data, Path.Combine(_dir.Path, "run"))), mentions);
    }

    [Fact]
    public void Missing_data_file_and_missing_options_are_named()
    {
        string nowhere = Path.Combine(_dir.Path, "nowhere.csv");
        BadInput.AssertRejected(CliRunner.Run(Tiny(nowhere, Path.Combine(_dir.Path, "run"))), $"'{nowhere}' not found");
        string data = Simulate("d.csv");
        BadInput.AssertRejected(CliRunner.Run("train", data, "--latent", "2", "--epochs", "1", "--out", "x"), "missing --model");
        BadInput.AssertRejected(CliRunner.Run("train", data, "--model", "plrnn", "--epochs", "1", "--out", "x"), "missing --latent");
        BadInput.AssertRejected(CliRunner.Run("train", data, "--model", "plrnn", "--latent", "2", "--out", "x"), "missing --epochs");
        BadInput.AssertRejected(CliRunner.Run("train", data, "--model", "plrnn", "--latent", "2", "--epochs", "1"), "missing --out");
    }

    [Theory]
    [InlineData("--steps 0", "--steps must be at least 1")]
    [InlineData("--noise -1", "--noise must be a finite number")]
    [InlineData("--initial 1,2,3", "--initial has 3 values, the model has M = 2")]
    [InlineData("--initial 1,abc", "'abc' is not a number")]
    [InlineData("--transient -5", "--transient must be 0 or more")]
    public void Bad_simulate_options_are_named(string extra, string mentions)
    {
        var args = new List<string> { "simulate", CaseFiles.Model("gt16"), "--out", Path.Combine(_dir.Path, "x.csv") };
        if (!extra.StartsWith("--steps", StringComparison.Ordinal)) args.AddRange(["--steps", "10"]);
        args.AddRange(extra.Split(' '));
        BadInput.AssertRejected(CliRunner.Run(args.ToArray()), mentions);
    }

    [Fact]
    public void Simulate_needs_a_model_steps_and_an_output()
    {
        BadInput.AssertRejected(CliRunner.Run("simulate", Path.Combine(_dir.Path, "none.json"), "--steps", "5", "--out", "x.csv"), "not found");
        BadInput.AssertRejected(CliRunner.Run("simulate", CaseFiles.Model("gt16"), "--out", "x.csv"), "missing --steps");
        BadInput.AssertRejected(CliRunner.Run("simulate", CaseFiles.Model("gt16"), "--steps", "5"), "missing --out");
        string diverging = _dir.Write("up.json", """{"type":"plrnn","A":[3],"W":[[0]],"h":[1]}""");
        BadInput.AssertRejected(CliRunner.Run("simulate", diverging, "--steps", "2000", "--out", Path.Combine(_dir.Path, "x.csv")), "diverged");
    }
}
