using System.Runtime.InteropServices;
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
    /// <remarks>
    /// <paramref name="neighbourObjects"/> (warm start across tiles: objects found in neighbouring
    /// tiles) are solved directly at every point and added when real, but kept out of the warm-start
    /// chain inside the tile, so the heuristic's own results never depend on which neighbours
    /// happened to be finished; grid continuation later reaches the same closed set either way.
    /// </remarks>
    public List<PointResult> Run(int tile, IReadOnlyCollection<PointResult> done, Action<PointResult>? onPoint = null, CancellationToken ct = default,
        IReadOnlyList<PointObject>? neighbourObjects = null)
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
                if (neighbourObjects is { Count: > 0 }) r = WithNeighbourObjects(index, r, neighbourObjects);
                onPoint?.Invoke(r);
            }
            result.Add(r);
        }
        return result;
    }

    private PointResult WithNeighbourObjects(int index, PointResult r, IReadOnlyList<PointObject> candidates)
    {
        Models.ReluModel? model = null;
        List<PointObject>? extra = null;
        foreach (var o in candidates)
        {
            if (r.Has(o) || PointResult.AnyWithItineraryOf(CollectionsMarshal.AsSpan(extra), o)) continue;
            model ??= grid.Spec.ModelAt(grid.AxisValues(index));
            var probe = ItineraryProbe.Probe(model, o.Itinerary, o.Order, spectrum: false);
            if (probe.Object is not null) (extra ??= []).Add(probe.Object);
        }
        if (extra is null) return r;
        var objects = r.Objects.Concat(extra).ToArray();
        Array.Sort(objects, new ObjectOrder(grid.Spec.Model.RegionWords));
        return r with { Objects = objects };
    }
}
