using System.Collections.Concurrent;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// Everything after the grid: continuation across the grid, then bifurcation detection on every
/// edge whose ends differ (or, in adaptive mode, on the edges of the refined cells). Used both by
/// the in-process sweep and by the cluster coordinator once all tiles are in.
/// </summary>
public sealed class BifurcationAnalysis(SweepGrid grid, RefineMode mode, int adaptiveDepth, int threads)
{
    /// <summary>Points analysed by adaptive refinement (beyond the grid).</summary>
    public int RefinedPoints { get; private set; }
    /// <summary>Candidates solved by adaptive refinement.</summary>
    public long RefinedCandidates { get; private set; }

    /// <summary>Bifurcations of the complete (closed) grid results, sorted by location.</summary>
    public List<Bifurcation> Detect(IReadOnlyDictionary<int, PointResult> points, IProgress<SweepProgress>? progress = null, CancellationToken ct = default)
    {
        var detector = new BifurcationDetector(grid, bisect: mode != RefineMode.None);
        var found = new ConcurrentBag<Bifurcation>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
        if (mode == RefineMode.Adaptive)
        {
            var refiner = new AdaptiveRefinement(grid, adaptiveDepth, threads);
            var leaves = refiner.Refine(points, progress, ct);
            RefinedPoints = refiner.Computed;
            RefinedCandidates = refiner.Candidates;
            long done = 0;
            Parallel.ForEach(leaves, parallel, e =>
            {
                foreach (var b in detector.OnEdge(e.X0, e.Y0, e.A, e.X1, e.Y1, e.B)) found.Add(b);
                progress?.Report(new SweepProgress("detection", Interlocked.Increment(ref done), leaves.Count));
            });
        }
        else
        {
            var edges = grid.Edges().Where(e => Differ(points[e.P], points[e.Q])).ToList();
            long done = 0;
            Parallel.ForEach(edges, parallel, e =>
            {
                var (i0, j0) = grid.Coordinates(e.P);
                var (i1, j1) = grid.Coordinates(e.Q);
                foreach (var b in detector.OnEdge(i0, j0, points[e.P], i1, j1, points[e.Q])) found.Add(b);
                progress?.Report(new SweepProgress("detection", Interlocked.Increment(ref done), edges.Count));
            });
        }
        return Deduplicate(found);
    }

    /// <summary>True when the two points have different objects (itineraries) or stabilities.</summary>
    public static bool Differ(PointResult a, PointResult b)
    {
        if (a.Objects.Length != b.Objects.Length) return true;
        foreach (var o in a.Objects)
        {
            var other = b.Objects.FirstOrDefault(x => x.SameItinerary(o));
            if (other is null || other.Stability != o.Stability) return true;
        }
        return false;
    }

    /// <summary>
    /// A grid point lying exactly on a bifurcation produces the same event from the edges on both
    /// of its sides; keep one. Results are sorted by location for stable output.
    /// </summary>
    private List<Bifurcation> Deduplicate(IEnumerable<Bifurcation> all)
    {
        var axes = grid.Spec.Axes;
        var sorted = all.OrderBy(b => b.Type).ThenBy(b => b.Order).ThenBy(b => string.Join("|", b.Detail.Itineraries.Order()))
            .ThenBy(b => b.At[axes[0].Name]).ThenBy(b => axes.Length > 1 ? b.At[axes[1].Name] : 0).ToList();
        var kept = new List<Bifurcation>();
        foreach (var b in sorted)
        {
            var last = kept.Count > 0 ? kept[^1] : null;
            bool dup = last is not null && last.Type == b.Type && last.Order == b.Order
                && last.Detail.Itineraries.Order().SequenceEqual(b.Detail.Itineraries.Order())
                && axes.All(a => Math.Abs(last.At[a.Name] - b.At[a.Name]) <= 1e-9 * Math.Max(a.Span, 1e-300));
            if (!dup) kept.Add(b);
            else if (last!.Detail.StabilityAfter == "non-hyperbolic" && b.Detail.StabilityBefore == "non-hyperbolic")
            {
                // The grid point sits on the bifurcation: report the stabilities on its two sides.
                kept[^1] = last with { Detail = last.Detail with { StabilityAfter = b.Detail.StabilityAfter, EdgeTo = b.Detail.EdgeTo } };
            }
        }
        return kept.OrderBy(b => b.At[axes[0].Name]).ThenBy(b => axes.Length > 1 ? b.At[axes[1].Name] : 0)
            .ThenBy(b => b.Type).ThenBy(b => b.Order).ToList();
    }
}
