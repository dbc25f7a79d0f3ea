using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// The 1-D bifurcation diagram: the first state coordinate z1 of every point of every object
/// against the parameter, coloured by order, stable objects filled and the others hollow;
/// bifurcations as thin vertical lines coloured by type. The z1 range is chosen robustly, so that
/// an object running off to infinity does not squash the rest.
/// </summary>
internal static class BifurcationDiagram
{
    private const int DataWidth = 880, DataHeight = 680;
    private const float MarkerSize = 6;
    private const int MaxMarkersPerSeries = 20000;

    /// <summary>Draws the diagram of a 1-D sweep into a plot.</summary>
    public static void Draw(Plot plot, SweepResult result)
    {
        var grid = result.Grid;
        var axis = grid.Spec.Axes[0];
        int m = grid.Spec.Model.Dimension;
        var series = new SortedDictionary<(int Order, bool Stable), (List<double> X, List<double> Y)>();
        foreach (var (index, point) in result.Points)
        {
            double x = grid.AxisValues(index)[0];
            foreach (var o in point.Objects)
            {
                var key = (o.Order, o.Stability == Stability.Stable);
                if (!series.TryGetValue(key, out var s)) series[key] = s = ([], []);
                for (int j = 0; j < o.Order; j++)
                {
                    s.X.Add(x);
                    s.Y.Add(o.Points[j * m]);
                }
            }
        }

        double xLo = Math.Min(axis.From, axis.To), xHi = Math.Max(axis.From, axis.To), xPad = 0.02 * (xHi - xLo);
        var (yLo, yHi) = YRange(series.Values.SelectMany(s => s.Y));

        var counts = result.Bifurcations.GroupBy(b => b.Type).ToDictionary(g => g.Key, g => g.Count());
        DrawLines(plot, result.Bifurcations.Select(b => (b.At.TryGetValue(axis.Name, out double x) ? x : double.NaN, b.Type)), (xHi - xLo) / DataWidth);

        double binX = (xHi - xLo) / DataWidth * 1.5, binY = (yHi - yLo) / DataHeight * 1.5;
        bool offScale = false;
        // Unstable objects first, so that attractors are drawn on top.
        foreach (var ((order, stable), s) in series.OrderBy(kv => kv.Key.Stable).ThenByDescending(kv => kv.Key.Order))
        {
            var (xs, ys) = PointThinning.Thin(s.X, s.Y, binX, binY, MaxMarkersPerSeries);
            var colour = OrderPalette.Of(order);
            var markers = plot.Add.Markers(xs, ys, stable ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, stable ? MarkerSize : MarkerSize + 1, colour);
            markers.MarkerLineWidth = stable ? 0 : 1.3f;
            offScale |= MarkOffScale(plot, xs, ys, yLo, yHi, colour);
        }

        plot.Axes.SetLimits(xLo - xPad, xHi + xPad, yLo, yHi);
        plot.Title($"{PlotCaptions.ModelAndOrders(grid.Spec)}: bifurcation diagram over {axis.Name}", 18);
        plot.XLabel(axis.Name, 16);
        plot.YLabel("z1 (first state coordinate)", 16);
        LegendEntries.Show(plot, Legend(series.Keys.Select(k => k.Order).Distinct().Order(), counts, offScale));
    }

    /// <summary>
    /// One thin dashed line per bifurcation location and type (locations closer than a pixel
    /// merged). Types that share a location get interleaved dashes, so each stays visible.
    /// </summary>
    internal static void DrawLines(Plot plot, IEnumerable<(double X, string Type)> bifurcations, double pixel)
    {
        const float dash = 7;
        var located = bifurcations
            .Where(t => double.IsFinite(t.X))
            .OrderBy(t => t.X)
            .ToList();
        var columns = new List<(double X, SortedSet<(int Rank, string Type)> Types)>();
        foreach (var (x, type) in located)
        {
            if (columns.Count == 0 || x - columns[^1].X > pixel) columns.Add((x, []));
            columns[^1].Types.Add((BifurcationStyle.Of(type).Rank, type));
        }
        foreach (var (x, types) in columns)
        {
            int n = types.Count, i = 0;
            foreach (var (_, type) in types)
            {
                var pattern = n == 1
                    ? new LinePattern([dash, dash / 2], 0, "dashed")
                    : new LinePattern([dash, dash * (n - 1)], dash * i, "interleaved");
                var line = plot.Add.VerticalLine(x, 1.5f, BifurcationStyle.Of(type).Color.WithAlpha(0.85), pattern);
                line.ExcludeFromLegend = true;
                line.EnableAutoscale = false;
                i++;
            }
        }
    }

    /// <summary>Points beyond the z1 range: a small triangle on the edge they left by (returns whether there were any).</summary>
    internal static bool MarkOffScale(Plot plot, double[] xs, double[] ys, double lo, double hi, Color colour)
    {
        double inset = 0.012 * (hi - lo);
        var above = xs.Where((_, i) => ys[i] > hi).Distinct().ToArray();
        var below = xs.Where((_, i) => ys[i] < lo).Distinct().ToArray();
        if (above.Length > 0) plot.Add.Markers(above, above.Select(_ => hi - inset).ToArray(), MarkerShape.FilledTriangleUp, MarkerSize + 2, colour);
        if (below.Length > 0) plot.Add.Markers(below, below.Select(_ => lo + inset).ToArray(), MarkerShape.FilledTriangleDown, MarkerSize + 2, colour);
        return above.Length + below.Length > 0;
    }

    internal static IEnumerable<LegendItem> Legend(IEnumerable<int> orders, Dictionary<string, int> bifurcations, bool offScale)
    {
        yield return LegendEntries.Heading("Objects");
        foreach (int k in orders) yield return LegendEntries.Marker(PlotCaptions.OrderName(k), MarkerShape.FilledCircle, OrderPalette.Of(k));
        var grey = Color.FromHex("#555555");
        yield return LegendEntries.Marker("stable", MarkerShape.FilledCircle, grey);
        yield return LegendEntries.Marker("unstable / saddle", MarkerShape.OpenCircle, grey);
        if (offScale) yield return LegendEntries.Marker("off scale (beyond the edge)", MarkerShape.FilledTriangleUp, grey);
        if (bifurcations.Count == 0) yield break;
        yield return LegendEntries.Heading("Bifurcations");
        foreach (var (type, n) in bifurcations.OrderBy(kv => BifurcationStyle.Of(kv.Key).Rank).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            yield return LegendEntries.Line($"{type} ({PlotCaptions.Count(n)})", BifurcationStyle.Of(type).Color);
    }

    /// <summary>
    /// The z1 range shown: everything, unless a few values lie far outside the bulk (an object
    /// running off to infinity near a degenerate transcritical bifurcation); then the bulk
    /// (5th–95th percentile) widened by 1.5 times its width on each side.
    /// </summary>
    internal static (double Lo, double Hi) YRange(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0) return (-1, 1);
        double q05 = v[(int)(0.05 * (v.Length - 1))], q95 = v[(int)(0.95 * (v.Length - 1))];
        double bulk = Math.Max(q95 - q05, 1e-9 * Math.Max(1, Math.Abs(q05)));
        double lo = Math.Max(v[0], q05 - 1.5 * bulk), hi = Math.Min(v[^1], q95 + 1.5 * bulk);
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        double pad = 0.06 * (hi - lo);
        return (lo - pad, hi + pad);
    }
}
