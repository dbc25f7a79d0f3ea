using Scyfi.Core.Regions;

namespace Scyfi.Core.Cycles;

/// <summary>Settings of a search for cycles.</summary>
public sealed record FinderOptions
{
    /// <summary>Orders to search (ascending, distinct, ≥ 1).</summary>
    public required IReadOnlyList<int> Orders { get; init; }
    /// <summary>Outer-loop size for every order; null = published default per order.</summary>
    public int? Outer { get; init; }
    /// <summary>Inner-loop size for every order; null = published default per order.</summary>
    public int? Inner { get; init; }
    /// <summary>Seed: results are a function of (model, options, seed) only.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Worker threads (default: all cores).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Region alphabet; built from the model when null.</summary>
    public RegionAlphabet? Alphabet { get; init; }
    /// <summary>Most region sequences the exhaustive search may enumerate per order.</summary>
    public double ExhaustiveLimit { get; init; } = 2e7;
    /// <summary>
    /// Itineraries to solve directly before the heuristic starts (warm start from neighbouring
    /// parameter points); real ones count as already known.
    /// </summary>
    public IReadOnlyList<Itinerary> WarmStart { get; init; } = [];

    /// <summary>
    /// Factor on the outer loop (after defaults and overrides; at least 1 outer iteration remains).
    /// Sweeps use it at warm-started points, where continuation across the grid recovers anything
    /// a shorter search misses.
    /// </summary>
    public double OuterScale { get; init; } = 1.0;

    /// <summary>Loop sizes for order k with an alphabet of the given size.</summary>
    public (int Outer, int Inner) LoopsFor(int k, double regions)
    {
        var (o, i) = LoopBudget.Default(k, regions);
        int outer = Outer ?? o;
        if (OuterScale != 1.0) outer = Math.Max(1, (int)Math.Ceiling(outer * OuterScale));
        return (outer, Inner ?? i);
    }

    /// <summary>Orders 1..K.</summary>
    public static IReadOnlyList<int> UpTo(int maxOrder) => Enumerable.Range(1, maxOrder).ToArray();
}
