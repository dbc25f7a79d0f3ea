using Scyfi.Core.Training;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// <c>loss.png</c> / <c>loss.svg</c> of a trajectory: the training loss (left axis, log scale) and
/// the gradient norm (right axis, log scale) against epoch; loss jumps shaded; every bifurcation a
/// dashed line in its type's colour with the type's marker on the loss curve; epochs whose loss
/// is not finite marked at the top.
/// </summary>
internal static class LossPlot
{
    private static readonly Color LossColour = Color.FromHex("#1F2D5C");
    private static readonly Color GradColour = Color.FromHex("#E08214");
    internal static readonly Color JumpShade = Color.FromHex("#D62728").WithAlpha(0.13);
    private const int DataWidth = 900;

    /// <summary>The plot (the caller disposes it).</summary>
    public static Plot Build(TrainingTrajectory t, string title)
    {
        var log = t.Log ?? throw new ArgumentException("the trajectory has no loss log", nameof(t));
        var plot = new Plot();
        var epochs = log.Select(e => (double)e.Epoch).ToArray();
        double xLo = epochs.Min(), xHi = epochs.Max(), xPad = 0.015 * Math.Max(1, xHi - xLo);

        var (lossX, lossY) = Logs(log, e => e.Loss);
        var (gradX, gradY) = Logs(log, e => e.GradNorm);
        var (yLo, yHi) = LogRange(lossY);

        foreach (var j in t.Jumps)
        {
            var span = plot.Add.HorizontalSpan(j.From, j.To, JumpShade);
            span.LineWidth = 0;
            span.EnableAutoscale = false;
        }
        BifurcationDiagram.DrawLines(plot, t.Bifurcations.Select(b => (b.Epoch, b.Event.Type)), (xHi - xLo) / DataWidth);

        var grad = plot.Add.ScatterLine(gradX, gradY, GradColour.WithAlpha(0.6));
        grad.LineWidth = 1f;
        var right = plot.Axes.Right;
        grad.Axes.YAxis = right;
        var (gLo, gHi) = LogRange(gradY);
        right.Min = gLo;
        right.Max = gHi;
        right.TickGenerator = LogAxisTicks.For(gLo, gHi);
        right.Label.Text = "gradient norm";
        right.Label.FontSize = 16;
        right.Label.ForeColor = GradColour;
        right.TickLabelStyle.ForeColor = GradColour;
        right.TickLabelStyle.FontSize = 13;

        var loss = plot.Add.ScatterLine(lossX, lossY, LossColour);
        loss.LineWidth = 1.8f;

        // Markers on the loss curve, one shape per type, so that coinciding lines stay readable.
        foreach (var group in t.Bifurcations.GroupBy(b => b.Event.Type))
        {
            var style = BifurcationStyle.Of(group.Key);
            var xs = group.Select(b => b.Epoch).ToArray();
            var ys = xs.Select(x => Interpolate(lossX, lossY, x)).ToArray();
            var m = plot.Add.Markers(xs, ys, style.Shape, 10, style.Color);
            m.MarkerLineColor = Colors.White;
            m.MarkerLineWidth = 1;
        }
        var diverged = log.Where(e => !double.IsFinite(e.Loss)).Select(e => (double)e.Epoch).ToArray();
        if (diverged.Length > 0)
            plot.Add.Markers(diverged, diverged.Select(_ => yHi - 0.02 * (yHi - yLo)).ToArray(), MarkerShape.Eks, 9, Color.FromHex("#D62728"));

        plot.Axes.SetLimitsX(xLo - xPad, xHi + xPad);
        plot.Axes.SetLimitsY(yLo, yHi);
        plot.Axes.Left.TickGenerator = LogAxisTicks.For(yLo, yHi);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { MinimumTickSpacing = 40, IntegerTicksOnly = true };
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left }) axis.TickLabelStyle.FontSize = 13;
        plot.Title(title, 18);
        plot.XLabel("epoch", 16);
        plot.YLabel("training loss", 16);
        plot.Axes.Left.Label.ForeColor = LossColour;
        LegendEntries.Show(plot, Legend(t, diverged.Length > 0));
        PlotFonts.Apply(plot);
        return plot;
    }

    private static IEnumerable<LegendItem> Legend(TrainingTrajectory t, bool diverged)
    {
        yield return LegendEntries.Heading("Curves");
        yield return LegendEntries.Line("loss (left)", LossColour);
        yield return LegendEntries.Line("gradient norm (right)", GradColour);
        if (t.Jumps.Count > 0) yield return LegendEntries.Swatch($"loss jump ({PlotCaptions.Count(t.Jumps.Count)})", JumpShade.WithAlpha(0.35));
        if (diverged) yield return LegendEntries.Marker("loss not finite", MarkerShape.Eks, Color.FromHex("#D62728"));
        if (t.Bifurcations.Count == 0) yield break;
        yield return LegendEntries.Heading("Bifurcations");
        foreach (var g in t.Bifurcations.GroupBy(b => b.Event.Type).OrderBy(g => BifurcationStyle.Of(g.Key).Rank))
        {
            var style = BifurcationStyle.Of(g.Key);
            yield return LegendEntries.Marker($"{g.Key} ({PlotCaptions.Count(g.Count())})", style.Shape, style.Color);
        }
    }

    /// <summary>Epochs and log10 values of a column; non-finite and non-positive values are left out.</summary>
    private static (double[] X, double[] Y) Logs(IReadOnlyList<TrainingLogEntry> log, Func<TrainingLogEntry, double> value)
    {
        var kept = log.Where(e => double.IsFinite(value(e)) && value(e) > 0).ToList();
        return (kept.Select(e => (double)e.Epoch).ToArray(), kept.Select(e => Math.Log10(value(e))).ToArray());
    }

    /// <summary>The shown log10 range: all values, padded by 5% (half a decade around a constant).</summary>
    private static (double Lo, double Hi) LogRange(double[] y)
    {
        if (y.Length == 0) return (-1, 1);
        double lo = y.Min(), hi = y.Max();
        if (hi - lo < 0.2) { double c = 0.5 * (lo + hi); lo = c - 0.25; hi = c + 0.25; }
        double pad = 0.05 * (hi - lo);
        return (lo - pad, hi + pad);
    }

    /// <summary>The curve's value at x (linear between samples; the nearest end outside).</summary>
    private static double Interpolate(double[] xs, double[] ys, double x)
    {
        if (xs.Length == 0) return double.NaN;
        int i = Array.BinarySearch(xs, x);
        if (i >= 0) return ys[i];
        i = ~i;
        if (i == 0) return ys[0];
        if (i == xs.Length) return ys[^1];
        double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return (1 - t) * ys[i - 1] + t * ys[i];
    }
}
