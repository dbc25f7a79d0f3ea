using Scyfi.Core.Sweeps;

namespace Scyfi.Core.Training;

/// <summary>The objects found at one checkpoint.</summary>
/// <param name="Epoch">The checkpoint's epoch.</param>
/// <param name="Point">The sweep's result at this checkpoint (objects sorted by order, then itinerary).</param>
public sealed record TrajectoryCheckpoint(double Epoch, PointResult Point);

/// <summary>A bifurcation between two checkpoints, located on the segment joining them.</summary>
/// <param name="Epoch">Its epoch, interpolated linearly between the two checkpoints' epochs.</param>
/// <param name="Position">Its position on the path (checkpoint index, fractional).</param>
/// <param name="EpochBefore">Epoch of the checkpoint before it.</param>
/// <param name="EpochAfter">Epoch of the checkpoint after it.</param>
/// <param name="Event">The classified event (type, order, what changed).</param>
public sealed record TrajectoryBifurcation(double Epoch, double Position, double EpochBefore, double EpochAfter, Bifurcation Event);

/// <summary>A loss jump and the bifurcations that coincide with it.</summary>
/// <param name="Jump">The jump.</param>
/// <param name="WindowFrom">Earliest epoch of a coinciding bifurcation: the jump's start minus one checkpoint spacing.</param>
/// <param name="WindowTo">Latest epoch: the jump's end plus one checkpoint spacing.</param>
/// <param name="Bifurcations">Bifurcations whose epoch lies in [WindowFrom, WindowTo].</param>
public sealed record JumpCoincidence(LossJump Jump, double WindowFrom, double WindowTo, IReadOnlyList<TrajectoryBifurcation> Bifurcations);

/// <summary>
/// A training run seen through its checkpoints (science.md §8): the objects at every checkpoint,
/// the bifurcations between consecutive checkpoints (from a sweep along the
/// <see cref="ParameterPath"/> of the checkpoints), the loss jumps of the log, and which jumps
/// coincide with which bifurcations.
/// </summary>
public sealed class TrainingTrajectory
{
    private TrainingTrajectory(ParameterPath path, SweepResult sweep, IReadOnlyList<TrainingLogEntry>? log, LossJumpRule rule,
        IReadOnlyList<TrajectoryCheckpoint> checkpoints, IReadOnlyList<TrajectoryBifurcation> bifurcations,
        IReadOnlyList<LossJump> jumps, IReadOnlyList<JumpCoincidence> coincidences)
    {
        Path = path;
        Sweep = sweep;
        Log = log;
        Rule = rule;
        Checkpoints = checkpoints;
        Bifurcations = bifurcations;
        Jumps = jumps;
        Coincidences = coincidences;
    }

    /// <summary>The checkpoints as a path.</summary>
    public ParameterPath Path { get; }
    /// <summary>The sweep along the path.</summary>
    public SweepResult Sweep { get; }
    /// <summary>The loss log, or null when the run has none.</summary>
    public IReadOnlyList<TrainingLogEntry>? Log { get; }
    /// <summary>The rule that found the jumps.</summary>
    public LossJumpRule Rule { get; }
    /// <summary>Objects per checkpoint, by epoch.</summary>
    public IReadOnlyList<TrajectoryCheckpoint> Checkpoints { get; }
    /// <summary>Bifurcations, by epoch.</summary>
    public IReadOnlyList<TrajectoryBifurcation> Bifurcations { get; }
    /// <summary>Loss jumps, by epoch (none without a log).</summary>
    public IReadOnlyList<LossJump> Jumps { get; }
    /// <summary>Every jump with the bifurcations near it (possibly none).</summary>
    public IReadOnlyList<JumpCoincidence> Coincidences { get; }

    /// <summary>Joins a finished sweep along the checkpoints' path with the run's loss log.</summary>
    public static TrainingTrajectory From(SweepResult sweep, IReadOnlyList<TrainingLogEntry>? log, LossJumpRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var path = sweep.Grid.Spec.Path ?? throw new ArgumentException("the sweep does not run along a parameter path", nameof(sweep));
        rule ??= LossJumpRule.Default;
        var checkpoints = Enumerable.Range(0, path.Count).Select(i => new TrajectoryCheckpoint(path.Epochs[i], sweep.Points[i])).ToList();
        var bifurcations = sweep.Bifurcations.Select(b =>
        {
            double position = b.At[ParameterPath.AxisName];
            int before = Math.Min((int)Math.Floor(b.Detail.EdgeFrom[ParameterPath.AxisName]), path.Count - 1);
            int after = Math.Min((int)Math.Ceiling(b.Detail.EdgeTo[ParameterPath.AxisName]), path.Count - 1);
            return new TrajectoryBifurcation(path.EpochAt(position), position, path.Epochs[before], path.Epochs[after], b);
        }).OrderBy(b => b.Epoch).ToList();
        var jumps = log is null ? [] : rule.Detect(log);
        var coincidences = jumps.Select(j =>
        {
            double lo = j.From - Spacing(path, j.From), hi = j.To + Spacing(path, j.To);
            return new JumpCoincidence(j, lo, hi, bifurcations.Where(b => b.Epoch >= lo && b.Epoch <= hi).ToList());
        }).ToList();
        return new TrainingTrajectory(path, sweep, log, rule, checkpoints, bifurcations, jumps, coincidences);
    }

    /// <summary>
    /// The checkpoint spacing at an epoch: the length of the checkpoint interval that contains it
    /// (the first or last interval outside the checkpoints' range).
    /// </summary>
    public static double Spacing(ParameterPath path, double epoch)
    {
        ArgumentNullException.ThrowIfNull(path);
        var e = path.Epochs;
        int i = 0;
        while (i < e.Count - 2 && epoch >= e[i + 1]) i++;
        return e[i + 1] - e[i];
    }
}
