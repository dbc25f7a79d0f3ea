namespace Scyfi.Coordinator.Exports;

/// <summary>
/// Thins a point set for drawing: keeps the first point in each bin of a fixed size (chosen a
/// little below a marker's size, so curves still look continuous), then, past a hard cap, every
/// n-th point. Keeps SVGs small when a sweep has many thousands of bifurcations.
/// </summary>
internal static class PointThinning
{
    /// <summary>The kept points, in their original order.</summary>
    /// <param name="xs">X coordinates.</param>
    /// <param name="ys">Y coordinates (same length).</param>
    /// <param name="binX">Bin width in x units (positive).</param>
    /// <param name="binY">Bin height in y units (positive).</param>
    /// <param name="cap">Most points returned.</param>
    public static (double[] Xs, double[] Ys) Thin(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double binX, double binY, int cap)
    {
        var seen = new HashSet<(long, long)>();
        var keptX = new List<double>();
        var keptY = new List<double>();
        for (int i = 0; i < xs.Count; i++)
        {
            double x = xs[i], y = ys[i];
            if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
            if (!seen.Add(((long)Math.Floor(x / binX), (long)Math.Floor(y / binY)))) continue;
            keptX.Add(x);
            keptY.Add(y);
        }
        if (keptX.Count <= cap) return (keptX.ToArray(), keptY.ToArray());
        double stride = (double)keptX.Count / cap;
        var ix = Enumerable.Range(0, cap).Select(k => (int)(k * stride)).ToArray();
        return (ix.Select(k => keptX[k]).ToArray(), ix.Select(k => keptY[k]).ToArray());
    }
}
