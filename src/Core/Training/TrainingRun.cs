using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scyfi.Core.Training;

/// <summary>How a training run ended.</summary>
/// <param name="EpochsCompleted">Epochs whose updates all ran.</param>
/// <param name="Interrupted">True when cancelled before the last epoch.</param>
/// <param name="Checkpoints">Checkpoints written, by epoch.</param>
/// <param name="Initial">Epoch-0 statistics.</param>
/// <param name="Final">Statistics of the last completed epoch (epoch 0 when none completed).</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
/// <param name="SkippedUpdates">Updates skipped because the loss, gradient or step was not finite.</param>
public sealed record TrainingResult(int EpochsCompleted, bool Interrupted, IReadOnlyList<TrainingCheckpoint> Checkpoints,
    EpochStats Initial, EpochStats Final, double Seconds, int SkippedUpdates);

/// <summary>
/// A training run with its outputs in one directory: <c>config.json</c> (the settings and the data
/// it was trained on), <c>log.csv</c> (<see cref="TrainingLog"/>, flushed every epoch) and
/// <c>checkpoints/epoch_&lt;n&gt;.json</c> (<see cref="TrainingCheckpoints"/>: epoch 0, every
/// <see cref="TrainingOptions.CheckpointEvery"/> epochs and the last). When cancelled, the model
/// of the last completed epoch is saved as its checkpoint, so every checkpoint matches a log row.
/// </summary>
public static class TrainingRun
{
    /// <summary>File name of the settings inside the run directory.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>
    /// Trains and writes the outputs to <paramref name="outDir"/>. A directory that already holds a
    /// run is refused unless <paramref name="overwrite"/> is set. <paramref name="progress"/> receives
    /// every epoch's statistics (epoch 0 included).
    /// </summary>
    public static TrainingResult Run(LoadedTimeSeries data, TrainingOptions options, string outDir, bool overwrite = false,
        IProgress<EpochStats>? progress = null, CancellationToken ct = default, TrainableModel? initial = null)
    {
        // The trainer validates every setting before anything is written.
        var trainer = new Trainer(data.Series, options, initial);
        PrepareDirectory(outDir, overwrite);
        WriteConfig(outDir, data, options, trainer.Model);

        var clock = Stopwatch.StartNew();
        double alpha = trainer.Objective.Alpha;
        var checkpoints = new List<TrainingCheckpoint>();
        var snapshot = (double[])trainer.Model.Parameters.Clone();
        int skipped = 0;
        bool interrupted = false;
        using var log = new StreamWriter(Path.Combine(outDir, TrainingLog.FileName)) { NewLine = "\n" };
        log.WriteLine(TrainingLog.Header);

        var first = trainer.Evaluate();
        Record(first);
        Save(0);
        var last = first;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            EpochStats stats;
            try { stats = trainer.RunEpoch(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
            skipped += stats.SkippedUpdates;
            trainer.Model.Parameters.AsSpan().CopyTo(snapshot);
            Record(stats);
            last = stats;
            if (epoch % options.CheckpointEvery == 0 || epoch == options.Epochs) Save(epoch);
            if (ct.IsCancellationRequested && epoch < options.Epochs) { interrupted = true; break; }
        }
        // The model of the last completed epoch, so that the run can be analysed (or resumed) from there.
        if (interrupted && (checkpoints.Count == 0 || checkpoints[^1].Epoch != last.Epoch)) Save(last.Epoch);
        return new TrainingResult(last.Epoch, interrupted, checkpoints, first, last, clock.Elapsed.TotalSeconds, skipped);

        void Record(EpochStats s)
        {
            log.WriteLine(TrainingLog.Format(new TrainingLogEntry(s.Epoch, s.Loss, s.GradNorm, alpha, clock.Elapsed.TotalSeconds)));
            log.Flush();
            progress?.Report(s);
        }

        void Save(int epoch) =>
            checkpoints.Add(new TrainingCheckpoint(epoch, TrainingCheckpoints.Write(outDir, epoch, trainer.Model.ToModel(snapshot))));
    }

    private static void PrepareDirectory(string outDir, bool overwrite)
    {
        if (File.Exists(outDir)) throw new ScyfiInputException($"--out '{outDir}' is a file, not a directory");
        string log = Path.Combine(outDir, TrainingLog.FileName);
        string checkpoints = Path.Combine(outDir, TrainingCheckpoints.DirectoryName);
        if (File.Exists(log) || Directory.Exists(checkpoints))
        {
            if (!overwrite) throw new ScyfiInputException($"--out '{outDir}' already holds a training run (log.csv or checkpoints/); choose another directory or pass --overwrite");
            File.Delete(log);
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
        }
        try { Directory.CreateDirectory(checkpoints); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"--out '{outDir}' cannot be created: {e.Message}");
        }
    }

    private static void WriteConfig(string outDir, LoadedTimeSeries data, TrainingOptions o, TrainableModel model)
    {
        var config = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["path"] = Path.GetFullPath(data.Path),
                ["steps"] = data.Series.Length,
                ["dimension"] = data.Series.Dimension,
                ["standardized"] = data.Mean is not null,
                ["mean"] = data.Mean is null ? null : new JsonArray(data.Mean.Select(x => (JsonNode)x).ToArray()),
                ["std"] = data.Std is null ? null : new JsonArray(data.Std.Select(x => (JsonNode)x).ToArray()),
            },
            ["model"] = new JsonObject
            {
                ["type"] = model.Type,
                ["latent"] = model.M,
                ["hidden"] = model is TrainableShallowPlrnn s ? s.Hidden : null,
                ["reluCount"] = model is TrainablePlrnn { Type: "alrnn" } a ? a.ReluCount : null,
                ["trainableParameters"] = Enumerable.Range(0, model.Parameters.Length).Count(model.IsTrainable),
            },
            ["observation"] = "identity on the first N latent units",
            ["initialState"] = "data in the first N latent units, 0 in the others",
            ["loss"] = "mse",
            ["method"] = o.Method,
            ["alpha"] = o.Method == "gtf" ? o.Alpha : 0.0,
            ["epochs"] = o.Epochs,
            ["sequenceLength"] = o.SequenceLength,
            ["batchSize"] = o.BatchSize,
            ["batchesPerEpoch"] = o.BatchesPerEpoch,
            ["learningRate"] = o.LearningRate,
            ["optimizer"] = o.Optimizer,
            ["clip"] = o.Clip,
            ["seed"] = o.Seed,
            ["checkpointEvery"] = o.CheckpointEvery,
        };
        File.WriteAllText(Path.Combine(outDir, ConfigFileName), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
