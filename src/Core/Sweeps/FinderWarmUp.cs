using System.Diagnostics;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// Runs the sweep's own finder for a moment before a process starts its cluster member, and
/// throws the results away. Why: the runtime promotes a hot method to its final optimized code
/// only after a quiet spell without new compilations; a starting cluster member compiles Akka.NET,
/// the persistence and SQL layers for seconds, so in a fresh process the finder's inner loops ran
/// instrumented, unoptimized code for most of a small sweep (bench/results/cluster-profile.md §4
/// and §7). Warmed first, with nothing else compiling, they reach it within the budget.
/// </summary>
public static class FinderWarmUp
{
    /// <summary>
    /// How long a starting member warms the finder. On the README sweep (2 cores) 0.5 s and 1 s
    /// gave the same whole-process time and 2 s a longer one (bench/results/cluster-profile.md §7).
    /// </summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Computes the sweep's first tiles for up to <paramref name="budget"/> (the cluster computes
    /// them again: each point's result is deterministic). Returns the points computed. Stops
    /// early, without throwing, when <paramref name="ct"/> is cancelled.
    /// </summary>
    public static int Run(SweepSpec spec, TimeSpan budget, CancellationToken ct = default)
    {
        var grid = new SweepGrid(spec);
        var runner = new TileRunner(grid, new PointAnalyzer(spec));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(budget);
        int points = 0;
        var sw = Stopwatch.StartNew();
        try
        {
            for (int tile = 0; tile < grid.TileCount && sw.Elapsed < budget; tile++)
                runner.Run(tile, [], _ => points++, cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return points;
    }
}
