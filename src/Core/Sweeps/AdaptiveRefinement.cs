using System.Collections.Concurrent;

namespace Scyfi.Core.Sweeps;

/// <summary>An edge of a refined cell whose two ends differ, in grid coordinates.</summary>
public sealed record LeafEdge(double X0, double Y0, PointResult A, double X1, double Y1, PointResult B);

/// <summary>
/// Adaptive refinement: a cell (an interval in 1-D) whose corners differ is split into four
/// (two), the new points are analysed warm-started from the corners, and so on for
/// <c>depth</c> levels, so bifurcation curves are followed at the resolution of a grid 2^depth
/// times finer while regions without change cost nothing. Returns the edges of the finest cells
/// whose ends differ, for the detector to bisect.
/// </summary>
public sealed class AdaptiveRefinement(SweepGrid grid, int depth, int threads)
{
    private readonly ConcurrentDictionary<(long X, long Y), PointResult> _points = new();
    private readonly long _scale = 1L << depth;
    private int _computed;
    private long _candidates;

    /// <summary>Points analysed beyond the grid.</summary>
    public int Computed => _computed;
    /// <summary>Candidates solved for them.</summary>
    public long Candidates => _candidates;

    /// <summary>Refines around every change of the grid results.</summary>
    public List<LeafEdge> Refine(IReadOnlyDictionary<int, PointResult> gridPoints, IProgress<SweepProgress>? progress, CancellationToken ct)
    {
        if (depth < 0 || depth > 20) throw new ScyfiInputException($"adaptive depth must be between 0 and 20 (got {depth})");
        foreach (var (index, r) in gridPoints)
        {
            var (i, j) = grid.Coordinates(index);
            _points[(i * _scale, j * _scale)] = r;
        }
        var cells = new List<(long X, long Y)>();
        for (int j = 0; j < (grid.TwoD ? grid.Ny - 1 : 1); j++)
            for (int i = 0; i < grid.Nx - 1; i++)
                cells.Add((i * _scale, j * _scale));
        long size = _scale;
        var analyzer = new PointAnalyzer(grid.Spec);
        var leaves = new List<((long X, long Y) Cell, long Size)>();
        for (int level = 0; level <= depth; level++)
        {
            var split = new List<(long X, long Y)>();
            foreach (var c in cells)
            {
                if (size > 1 && CornersDiffer(c, size)) split.Add(c);
                else leaves.Add((c, size));
            }
            if (split.Count == 0) break;
            long half = size / 2;
            // New points of this level, each with the objects of its parent cell's corners as warm start.
            var wanted = new Dictionary<(long, long), List<PointObject>>();
            foreach (var c in split)
            {
                var warm = Corners(c, size).SelectMany(k => _points[k].Objects).ToList();
                foreach (var k in Midpoints(c, half))
                    if (!_points.ContainsKey(k) && !wanted.ContainsKey(k)) wanted[k] = warm;
            }
            int done = 0;
            Parallel.ForEach(wanted.OrderBy(w => w.Key), new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, w =>
            {
                var (x, y) = w.Key;
                var r = analyzer.Analyze(SyntheticIndex(x, y), grid.AxisValuesAt((double)x / _scale, (double)y / _scale), w.Value, ct);
                _points[w.Key] = r;
                Interlocked.Increment(ref _computed);
                Interlocked.Add(ref _candidates, r.Candidates);
                progress?.Report(new SweepProgress($"refinement level {level + 1}/{depth}", Interlocked.Increment(ref done), wanted.Count));
            });
            cells = split.SelectMany(c => Children(c, half)).ToList();
            size = half;
        }
        return LeafEdges(leaves);
    }

    private bool CornersDiffer((long X, long Y) c, long size)
    {
        var corners = Corners(c, size).Select(k => _points[k]).ToList();
        for (int a = 1; a < corners.Count; a++)
            if (BifurcationAnalysis.Differ(corners[0], corners[a])) return true;
        return false;
    }

    private IEnumerable<(long, long)> Corners((long X, long Y) c, long size) => grid.TwoD
        ? [(c.X, c.Y), (c.X + size, c.Y), (c.X, c.Y + size), (c.X + size, c.Y + size)]
        : [(c.X, 0), (c.X + size, 0)];

    private IEnumerable<(long, long)> Midpoints((long X, long Y) c, long half) => grid.TwoD
        ? [(c.X + half, c.Y), (c.X, c.Y + half), (c.X + half, c.Y + half), (c.X + 2 * half, c.Y + half), (c.X + half, c.Y + 2 * half)]
        : [(c.X + half, 0)];

    private IEnumerable<(long X, long Y)> Children((long X, long Y) c, long half) => grid.TwoD
        ? [(c.X, c.Y), (c.X + half, c.Y), (c.X, c.Y + half), (c.X + half, c.Y + half)]
        : [(c.X, 0), (c.X + half, 0)];

    private List<LeafEdge> LeafEdges(List<((long X, long Y) Cell, long Size)> leaves)
    {
        var edges = new HashSet<((long, long), (long, long))>();
        foreach (var (c, s) in leaves)
        {
            if (grid.TwoD)
            {
                edges.Add(((c.X, c.Y), (c.X + s, c.Y)));
                edges.Add(((c.X, c.Y), (c.X, c.Y + s)));
                edges.Add(((c.X + s, c.Y), (c.X + s, c.Y + s)));
                edges.Add(((c.X, c.Y + s), (c.X + s, c.Y + s)));
            }
            else edges.Add(((c.X, 0), (c.X + s, 0)));
        }
        var result = new List<LeafEdge>();
        foreach (var (a, b) in edges.OrderBy(e => e.Item1).ThenBy(e => e.Item2))
        {
            // A coarse edge next to a refined cell is covered by the refined edges along it.
            if (!_points.TryGetValue(a, out var ra) || !_points.TryGetValue(b, out var rb)) continue;
            if (CoveredByFinerPoints(a, b)) continue;
            if (BifurcationAnalysis.Differ(ra, rb))
                result.Add(new LeafEdge((double)a.Item1 / _scale, (double)a.Item2 / _scale, ra, (double)b.Item1 / _scale, (double)b.Item2 / _scale, rb));
        }
        return result;
    }

    private bool CoveredByFinerPoints((long X, long Y) a, (long X, long Y) b)
    {
        long dx = b.X - a.X, dy = b.Y - a.Y;
        if (dx + dy <= 1) return false;
        return _points.ContainsKey((a.X + dx / 2, a.Y + dy / 2));
    }

    private static int SyntheticIndex(long x, long y) => unchecked((int)(x * 1_000_003L + y * 7_919L + 1_000_000_007L));
}
