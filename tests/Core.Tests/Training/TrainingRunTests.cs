using System.Text.Json;
using Scyfi.Core.Models;
using Scyfi.Core.Training;
using Xunit;

namespace Scyfi.Core.Tests.Training;

/// <summary>A run's directory: config.json, log.csv, checkpoints; Ctrl-C keeps a consistent checkpoint.</summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scyfi-training-").FullName;
    private static readonly LoadedTimeSeries Data = new("gt16.csv", TrainingFixtures.Gt16Data(400), null, null);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainingOptions Options(int epochs, int every) => new()
    {
        Model = "plrnn", Latent = 3, Method = "gtf", Alpha = 0.25, Epochs = epochs, SequenceLength = 15,
        BatchSize = 4, BatchesPerEpoch = 3, LearningRate = 0.01, Seed = 3, CheckpointEvery = every,
    };

    [Fact]
    public void Run_writes_config_log_and_checkpoints_that_match()
    {
        string run = Path.Combine(_dir, "run");
        var result = TrainingRun.Run(Data, Options(7, 3), run);
        Assert.False(result.Interrupted);
        Assert.Equal(7, result.EpochsCompleted);

        var log = TrainingLog.Read(run);
        Assert.Equal(Enumerable.Range(0, 8), log.Select(e => e.Epoch));
        Assert.All(log, e => Assert.Equal(0.25, e.Alpha));
        Assert.True(log.All(e => e.Loss > 0 && e.GradNorm > 0 && e.Seconds >= 0));
        Assert.Equal(TrainingLog.Header, File.ReadLines(Path.Combine(run, "log.csv")).First());
        Assert.Equal(result.Final.Loss, log[^1].Loss);   // round-trip precision

        var checkpoints = TrainingCheckpoints.List(run);
        Assert.Equal([0, 3, 6, 7], checkpoints.Select(c => c.Epoch));
        Assert.Equal(checkpoints.Select(c => c.Epoch), result.Checkpoints.Select(c => c.Epoch));
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "epoch_7.json")));
        var last = checkpoints[^1].Load();
        Assert.IsType<Plrnn>(last);
        Assert.Equal(3, last.Dimension);

        // The last checkpoint is the trained model: its loss on the run's windows repeats the run.
        var replay = new Trainer(Data.Series, Options(7, 3));
        for (int e = 0; e < 7; e++) replay.RunEpoch();
        Assert.Equal(ModelFile.ToJson(replay.Model.ToModel()), File.ReadAllText(checkpoints[^1].Path));

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        var c = config.RootElement;
        Assert.Equal("plrnn", c.GetProperty("model").GetProperty("type").GetString());
        Assert.Equal(3, c.GetProperty("model").GetProperty("latent").GetInt32());
        Assert.Equal("gtf", c.GetProperty("method").GetString());
        Assert.Equal(0.25, c.GetProperty("alpha").GetDouble());
        Assert.Equal(2, c.GetProperty("data").GetProperty("dimension").GetInt32());
        Assert.Equal(3UL, c.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Cancelling_saves_the_last_completed_epoch()
    {
        string run = Path.Combine(_dir, "run");
        using var cts = new CancellationTokenSource();
        // Cancel while epoch 5 is reported: epoch 6 never starts.
        var progress = new Progress(s => { if (s.Epoch == 5) cts.Cancel(); });
        var result = TrainingRun.Run(Data, Options(100, 4), run, progress: progress, ct: cts.Token);
        Assert.True(result.Interrupted);
        Assert.Equal(5, result.EpochsCompleted);
        Assert.Equal([0, 4, 5], TrainingCheckpoints.List(run).Select(c => c.Epoch));
        Assert.Equal(5, TrainingLog.Read(run)[^1].Epoch);
    }

    [Fact]
    public void An_existing_run_is_kept_unless_overwrite()
    {
        string run = Path.Combine(_dir, "run");
        TrainingRun.Run(Data, Options(1, 1), run);
        var e = Assert.Throws<ScyfiInputException>(() => TrainingRun.Run(Data, Options(2, 1), run));
        Assert.Contains("already holds a training run", e.Message);
        TrainingRun.Run(Data, Options(2, 1), run, overwrite: true);
        Assert.Equal([0, 1, 2], TrainingCheckpoints.List(run).Select(c => c.Epoch));
    }

    private sealed class Progress(Action<EpochStats> report) : IProgress<EpochStats>
    {
        public void Report(EpochStats value) => report(value);
    }
}
