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
    /// What a worker started without a sweep (<c>scyfi node</c>) warms with: the one-switch PLRNN
    /// of science.md §7.2 over both slopes, orders 1..4 — the finder's shared inner loops, not a
    /// result anybody reads.
    /// </summary>
    public static SweepSpec Generic => SweepSpec.Parse("""
        {
          "model": {"type": "plrnn", "A": [[0.5, 0.8], [-0.4, 0.2]], "W": [[-2.0, 0.0], [0.9, 0.0]], "h": [0.214, 0.0]},
          "maxOrder": 4,
          "axes": [ {"name": "a_l", "from": -1.0, "to": 1.8, "points": 64},
                    {"name": "a_r", "from": -2.0, "to": 0.8, "points": 64} ],
          "set":  { "A[0,0]": {"a_l": 1.0}, "W[0,0]": {"a_l": -1.0, "a_r": 1.0} },
          "tile": 16,
          "finder": {"outer": 10, "inner": 50, "seed": 1}
        }
        """, ".");

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
        try
        {
            for (int tile = 0; tile < grid.TileCount; tile++)
                runner.Run(tile, [], _ => points++, cts.Token);
        }
        catch (OperationCanceledException)
        {
            // The budget ran out (or the user pressed Ctrl-C): the warm-up is over either way.
        }
        return points;
    }
}
