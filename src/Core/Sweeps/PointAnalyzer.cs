using Scyfi.Core.Cycles;
using Scyfi.Core.Models;
using Scyfi.Core.Regions;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// Analyses one parameter point: warm start (solve directly in the itineraries of already
/// computed neighbours), then the SCYFI heuristic with a seed derived from the sweep seed and the
/// point index, single-threaded (sweeps parallelise over tiles instead).
/// </summary>
public sealed class PointAnalyzer(SweepSpec spec)
{
    // When a sweep moves no entry of the switching geometry (W2, h2 of a shPLRNN), every point has
    // the base model's region pool: build it once instead of at every point.
    private readonly Lazy<RegionAlphabet?> _sharedAlphabet = new(() =>
        spec.Model.EveryPatternRealisable
            ? RegionAlphabet.All(spec.Model.SwitchingUnits)
            : spec.MovesSwitchingGeometry
                ? null
                : RegionAlphabet.For(spec.Model, spec.Seed));

    /// <summary>Relative distance to a border below which an object counts as sitting on it.</summary>
    public const double BorderMargin = 1e-9;

    /// <summary>Whether to warm-start from neighbours (on by default; off only to measure its gain).</summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>
    /// Outer-loop factor at warm-started points. The warm start has already solved the neighbours'
    /// objects here, so the heuristic only has to catch objects that appear between two grid points
    /// (rare: only next to a bifurcation curve), and grid continuation recovers any object that a
    /// point misses but a neighbour finds. Measured in bench/: same results, fewer candidates.
    /// </summary>
    public double WarmOuterScale { get; init; } = 0.5;

    /// <summary>Analyses grid point <paramref name="index"/> at <paramref name="axisValues"/>.</summary>
    public PointResult Analyze(int index, ReadOnlySpan<double> axisValues, IEnumerable<PointObject> neighbourObjects, CancellationToken ct = default)
    {
        var model = spec.ModelAt(axisValues);
        var alphabet = _sharedAlphabet.Value ?? RegionAlphabet.For(model, spec.Seed);
        var warm = WarmStart
            ? neighbourObjects.Select(o => o.Key(model.RegionWords)).Distinct().ToList()
            : [];
        var options = new FinderOptions
        {
            Orders = spec.Orders,
            Outer = spec.Outer,
            Inner = spec.Inner,
            Seed = PointSeed(spec.Seed, index),
            Threads = 1,
            Alphabet = alphabet,
            WarmStart = warm,
            OuterScale = warm.Count > 0 ? WarmOuterScale : 1.0,
        };
        var result = ScyfiFinder.Find(model, options, null, ct);
        return FromFind(index, result);
    }

    /// <summary>Compacts a find result and counts its degenerate features.</summary>
    public static PointResult FromFind(int index, FindResult result)
    {
        var objects = result.Cycles.Select(PointObject.From).ToArray();
        int degenerate = result.Degenerate.Count + result.Cycles.Count(c =>
            IsDegenerate(c.Stability, c.BorderDistance, c.Scale));
        return new PointResult(index, objects, degenerate, result.Stats.Candidates);
    }

    /// <summary>
    /// True for an object that marks its point degenerate: non-hyperbolic, or on a border (within
    /// <see cref="BorderMargin"/> relative to <paramref name="scale"/>, its largest coordinate).
    /// </summary>
    public static bool IsDegenerate(Stability stability, double borderDistance, double scale) =>
        stability == Stability.NonHyperbolic || borderDistance <= BorderMargin * (1 + scale);

    /// <summary>The seed of one grid point: independent streams per point, reproducible anywhere.</summary>
    public static ulong PointSeed(ulong sweepSeed, int index)
    {
        ulong z = sweepSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
