namespace Scyfi.Core.Sweeps;

/// <summary>
/// Computes the points of one tile in raster order, each warm-started from its already computed
/// left and lower neighbours inside the tile. A tile's result depends only on the spec and the
/// tile, so a tile computed twice (after a crash) gives the same result, and a tile can resume
/// from the points it had finished.
/// </summary>
public sealed class TileRunner(SweepGrid grid, PointAnalyzer analyzer)
{
    /// <summary>
    /// Runs the tile, skipping points in <paramref name="done"/>; <paramref name="onPoint"/> sees each
    /// new point as soon as it is computed (for checkpoints and progress).
    /// </summary>
    public List<PointResult> Run(int tile, IReadOnlyCollection<PointResult> done, Action<PointResult>? onPoint = null, CancellationToken ct = default)
    {
        var byIndex = done.ToDictionary(p => p.Index);
        var points = grid.TilePoints(tile);
        var members = new HashSet<int>(points);
        var result = new List<PointResult>(points.Length);
        foreach (int index in points)
        {
            ct.ThrowIfCancellationRequested();
            if (!byIndex.TryGetValue(index, out var r))
            {
                var warm = grid.EarlierNeighbours(index)
                    .Where(members.Contains)
                    .SelectMany(n => byIndex.TryGetValue(n, out var nr) ? nr.Objects : []);
                r = analyzer.Analyze(index, grid.AxisValues(index), warm, ct);
                byIndex[index] = r;
                onPoint?.Invoke(r);
            }
            result.Add(r);
        }
        return result;
    }
}
