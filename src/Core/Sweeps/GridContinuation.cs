using System.Runtime.InteropServices;
namespace Scyfi.Core.Sweeps;

/// <summary>
/// Continuation of objects across the grid: every itinerary found at a point is solved directly at
/// its neighbours, repeatedly, until nothing new appears. The result is the smallest set closed
/// under this propagation, so it does not depend on the order in which tiles finished (the
/// cluster's warm start across tiles ends in the same place), and it recovers objects the
/// heuristic missed at a point but found next door.
/// </summary>
public static class GridContinuation
{
    /// <summary>Closes <paramref name="results"/> in place; returns the number of objects added.</summary>
    public static int Close(SweepGrid grid, IDictionary<int, PointResult> results, CancellationToken ct = default)
    {
        int words = grid.Spec.Model.RegionWords;
        var order = new ObjectOrder(words);
        var pending = new SortedSet<int>(results.Keys);
        int added = 0;
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            int p = pending.Min;
            pending.Remove(p);
            var source = results[p];
            foreach (int q in grid.Neighbours(p))
            {
                if (!results.TryGetValue(q, out var target)) continue;
                List<PointObject>? extra = null;
                Models.ReluModel? model = null;
                foreach (var o in source.Objects)
                {
                    if (target.Has(o) || PointResult.AnyWithItineraryOf(CollectionsMarshal.AsSpan(extra), o)) continue;
                    model ??= grid.Spec.ModelAt(grid.AxisValues(q));
                    var probe = ItineraryProbe.Probe(model, o.Itinerary, o.Order, spectrum: false);
                    if (probe.Object is not null) (extra ??= []).Add(probe.Object);
                }
                if (extra is null) continue;
                var objects = target.Objects.Concat(extra).ToArray();
                Array.Sort(objects, order);
                int degenerate = target.Degenerate + extra.Count(x =>
                    PointAnalyzer.IsDegenerate(x.Stability, x.BorderDistance, Linear.DenseKernels.MaxAbs(x.Points)));
                results[q] = target with { Objects = objects, Degenerate = degenerate };
                added += extra.Count;
                pending.Add(q);
            }
        }
        return added;
    }
}
