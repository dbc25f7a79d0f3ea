using System.Globalization;
using Scyfi.Core.Cycles;
using Scyfi.Core.Training;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// <c>diagram.png</c> / <c>diagram.svg</c> of a trajectory: the bifurcation diagram along training.
/// Every point of every object at every checkpoint is projected on the first principal component
/// of all those points (one PCA over the whole run, so the axis means the same at every epoch) and
/// drawn against the checkpoint's epoch, coloured by order, stable objects filled and the others
/// hollow, thin lines joining an object across consecutive checkpoints where its itinerary
/// persists; bifurcations as dashed lines in their type's colour, loss jumps shaded.
/// </summary>
internal static class TrajectoryDiagram
{
    private const int DataWidth = 880, DataHeight = 680;
    private const float MarkerSize = 6;
    private const int MaxMarkersPerSeries = 20000;

    /// <summary>The principal component used for the diagram (stored in trajectory.json too).</summary>
    public static PrincipalComponent Component(TrainingTrajectory t)
    {
        int m = t.Path.Models[0].Dimension;
        return PrincipalComponent.Of(t.Checkpoints.SelectMany(c => c.Point.Objects.SelectMany(o => Enumerable.Range(0, o.Order).Select(j => o.Point(j, m).ToArray()))), m);
    }

    /// <summary>The plot (the caller disposes it).</summary>
    public static Plot Build(TrainingTrajectory t, PrincipalComponent pc, string title)
    {
        int m = t.Path.Models[0].Dimension;
        var series = new SortedDictionary<(int Order, bool Stable), (List<double> X, List<double> Y)>();
        foreach (var c in t.Checkpoints)
        {
            foreach (var o in c.Point.Objects)
            {
                var key = (o.Order, o.Stability == Stability.Stable);
                if (!series.TryGetValue(key, out var s)) series[key] = s = ([], []);
                for (int j = 0; j < o.Order; j++)
                {
                    s.X.Add(c.Epoch);
                    s.Y.Add(pc.Project(o.Point(j, m)));
                }
            }
        }
        var plot = new Plot();
        double xLo = t.Path.Epochs[0], xHi = t.Path.Epochs[^1], xPad = 0.02 * (xHi - xLo);
        var (yLo, yHi) = YRange(series.Values.SelectMany(s => s.Y).ToList());

        foreach (var j in t.Jumps)
        {
            var span = plot.Add.HorizontalSpan(j.From, j.To, LossPlot.JumpShade);
            span.LineWidth = 0;
            span.EnableAutoscale = false;
        }
        BifurcationDiagram.DrawLines(plot, t.Bifurcations.Select(b => (b.Epoch, b.Event.Type)), (xHi - xLo) / DataWidth);

        DrawBranches(plot, t, pc, m);

        double binX = (xHi - xLo) / DataWidth * 1.5, binY = (yHi - yLo) / DataHeight * 1.5;
        bool offScale = false;
        // Unstable objects first, so that attractors are drawn on top.
        foreach (var ((order, stable), s) in series.OrderBy(kv => kv.Key.Stable).ThenByDescending(kv => kv.Key.Order))
        {
            var (xs, ys) = PointThinning.Thin(s.X, s.Y, binX, binY, MaxMarkersPerSeries);
            var colour = OrderPalette.Of(order);
            var markers = plot.Add.Markers(xs, ys, stable ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, stable ? MarkerSize : MarkerSize + 1, colour);
            markers.MarkerLineWidth = stable ? 0 : 1.3f;
            offScale |= BifurcationDiagram.MarkOffScale(plot, xs, ys, yLo, yHi, colour);
        }

        plot.Axes.SetLimits(xLo - xPad, xHi + xPad, yLo, yHi);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { MinimumTickSpacing = 40, IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { MinimumTickSpacing = 40 };
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left }) axis.TickLabelStyle.FontSize = 13;
        plot.Title(title, 18);
        plot.XLabel("epoch", 16);
        plot.YLabel(m == 1 ? "z1 − mean" : string.Create(CultureInfo.InvariantCulture, $"PC1 = {pc.Describe()} ({100 * pc.ExplainedVariance:F0}% of the variance)"), 16);
        var counts = t.Bifurcations.GroupBy(b => b.Event.Type).ToDictionary(g => g.Key, g => g.Count());
        var legend = BifurcationDiagram.Legend(series.Keys.Select(k => k.Order).Distinct().Order(), counts, offScale).ToList();
        if (t.Jumps.Count > 0) legend.Add(LegendEntries.Swatch($"loss jump ({PlotCaptions.Count(t.Jumps.Count)})", LossPlot.JumpShade.WithAlpha(0.35)));
        LegendEntries.Show(plot, legend);
        PlotFonts.Apply(plot);
        return plot;
    }

    /// <summary>
    /// Objects tracked by itinerary: where the same itinerary exists at consecutive checkpoints, a
    /// thin line joins point j of its canonical rotation at one checkpoint to point j at the next.
    /// </summary>
    private static void DrawBranches(Plot plot, TrainingTrajectory t, PrincipalComponent pc, int m)
    {
        const int maxLines = 2000;
        int lines = 0;
        var cps = t.Checkpoints;
        for (int i = 0; i + 1 < cps.Count && lines < maxLines; i++)
        {
            foreach (var o in cps[i].Point.Objects)
            {
                // Start a branch only where it begins, then follow it as far as it goes.
                if (i > 0 && cps[i - 1].Point.Has(o)) continue;
                int end = i;
                while (end + 1 < cps.Count && cps[end + 1].Point.Has(o)) end++;
                if (end == i) continue;
                var members = Enumerable.Range(i, end - i + 1).Select(k => cps[k].Point.Objects.First(x => x.SameItinerary(o))).ToList();
                var xs = Enumerable.Range(i, end - i + 1).Select(k => cps[k].Epoch).ToArray();
                for (int j = 0; j < o.Order && lines < maxLines; j++, lines++)
                {
                    var ys = members.Select(x => pc.Project(x.Point(j, m))).ToArray();
                    var line = plot.Add.ScatterLine(xs, ys, OrderPalette.Of(o.Order).WithAlpha(0.45));
                    line.LineWidth = 1;
                    line.MarkerSize = 0;
                }
            }
        }
    }

    /// <summary>
    /// The range shown: the 2nd–98th percentile of the projections widened by 15% of its width on
    /// each side, capped by the extremes. Tighter than a sweep's diagram: a run's first checkpoints
    /// (h = 0 puts the initial fixed point on the borders) or an object near a degenerate
    /// transcritical bifurcation would otherwise squash the rest; such points get off-scale marks.
    /// </summary>
    private static (double Lo, double Hi) YRange(List<double> values)
    {
        var v = values.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0) return (-1, 1);
        double q02 = v[(int)(0.02 * (v.Length - 1))], q98 = v[(int)Math.Ceiling(0.98 * (v.Length - 1))];
        double bulk = Math.Max(q98 - q02, 1e-9 * Math.Max(1, Math.Abs(q02)));
        double lo = Math.Max(v[0], q02 - 0.15 * bulk), hi = Math.Min(v[^1], q98 + 0.15 * bulk);
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        double pad = 0.06 * (hi - lo);
        return (lo - pad, hi + pad);
    }
}
