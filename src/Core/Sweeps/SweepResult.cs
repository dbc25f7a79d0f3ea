namespace Scyfi.Core.Sweeps;

/// <summary>How bifurcations are located.</summary>
public enum RefineMode
{
    /// <summary>At edge midpoints, classified from the edge's two ends.</summary>
    None,
    /// <summary>Bisection along every grid edge whose ends differ, to 1e-11 of the edge.</summary>
    Edges,
    /// <summary>Cells whose corners differ are subdivided (quadtree) to a finer lattice, then their edges are bisected.</summary>
    Adaptive,
}

/// <summary>The outcome of a sweep.</summary>
/// <param name="Grid">Grid geometry and spec.</param>
/// <param name="Points">Results of the grid points, by index (all of them).</param>
/// <param name="Bifurcations">Located bifurcations, sorted by location.</param>
/// <param name="Stats">Counts and timings.</param>
public sealed record SweepResult(SweepGrid Grid, IReadOnlyDictionary<int, PointResult> Points, IReadOnlyList<Bifurcation> Bifurcations, SweepStats Stats);

/// <summary>Counts and timings of a sweep.</summary>
public sealed record SweepStats(
    int GridPoints,
    int RefinedPoints,
    long Candidates,
    int ContinuationAdded,
    double GridSeconds,
    double ContinuationSeconds,
    double DetectionSeconds,
    int Threads,
    RefineMode Refine,
    int AdaptiveDepth)
{
    /// <summary>All point analyses: grid plus refinement.</summary>
    public int Evaluations => GridPoints + RefinedPoints;
    /// <summary>Total wall time.</summary>
    public double TotalSeconds => GridSeconds + ContinuationSeconds + DetectionSeconds;
}

/// <summary>Progress of a running sweep.</summary>
/// <param name="Phase">"grid", "continuation", "refinement" or "detection".</param>
/// <param name="Done">Units done in this phase.</param>
/// <param name="Total">Units in this phase.</param>
public readonly record struct SweepProgress(string Phase, long Done, long Total);
