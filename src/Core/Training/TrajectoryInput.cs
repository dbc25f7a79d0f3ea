using Scyfi.Core.Import;
using Scyfi.Core.Sweeps;

namespace Scyfi.Core.Training;

/// <summary>
/// What <c>scyfi trajectory</c> reads from a run directory: the checkpoints as a
/// <see cref="ParameterPath"/> labelled by epoch, and the loss log when there is one (runs trained
/// elsewhere often have checkpoints only).
/// </summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Path">The checkpoints, by epoch.</param>
/// <param name="Files">The checkpoint files, in path order.</param>
/// <param name="Log">The rows of <c>log.csv</c>, or null when the run has none.</param>
public sealed record TrajectoryInput(string Directory, ParameterPath Path, IReadOnlyList<TrainingCheckpoint> Files, IReadOnlyList<TrainingLogEntry>? Log)
{
    /// <summary>
    /// Reads a run directory: checkpoints by <see cref="TrainingCheckpoints.Discover"/> (at least
    /// two, one model type and shape), <c>log.csv</c> when present. Problems are one-line
    /// <see cref="ScyfiInputException"/>s.
    /// </summary>
    public static TrajectoryInput Load(string dir, ImportOptions? options = null)
    {
        if (File.Exists(dir)) throw new ScyfiInputException($"'{dir}' is a file; give the run directory (with log.csv and checkpoints/)");
        if (!System.IO.Directory.Exists(dir)) throw new ScyfiInputException($"run directory '{dir}' not found");
        var files = TrainingCheckpoints.Discover(dir);
        if (files.Count == 0)
            throw new ScyfiInputException($"no checkpoints in '{dir}': expected checkpoints/epoch_<n>.json or model files named by epoch (model_<n>.bson, .pt, .npz)");
        if (files.Count < 2)
            throw new ScyfiInputException($"only one checkpoint in '{dir}' (epoch {files[0].Epoch}); a trajectory needs at least two");
        var models = files.Select(f => f.Load(options ?? ImportOptions.None)).ToList();
        var path = new ParameterPath(models, files.Select(f => (double)f.Epoch).ToList(), $"checkpoints in '{dir}'");
        var log = File.Exists(System.IO.Path.Combine(dir, TrainingLog.FileName)) ? TrainingLog.Read(dir) : null;
        if (log is { Count: 0 }) throw new ScyfiInputException($"training log '{System.IO.Path.Combine(dir, TrainingLog.FileName)}' has no rows");
        return new TrajectoryInput(dir, path, files, log);
    }
}
