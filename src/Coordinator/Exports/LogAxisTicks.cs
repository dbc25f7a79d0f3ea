using System.Globalization;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// Ticks for an axis that shows log10 of the data (ScottPlot 5 plots logarithms on a linear axis):
/// labels at decades when the range spans several, at 1, 2 and 5 times a decade when it spans
/// fewer, minor ticks at every integer multiple of a decade; labels are the data values.
/// </summary>
internal static class LogAxisTicks
{
    /// <summary>A tick generator for log10 values between <paramref name="lo"/> and <paramref name="hi"/>.</summary>
    public static ITickGenerator For(double lo, double hi)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int first = (int)Math.Floor(lo), last = (int)Math.Ceiling(hi);
        int[] majors = hi - lo > 3.5 ? [1] : hi - lo > 1 ? [1, 2, 5] : [1, 2, 3, 5, 7];
        // Many decades: label every n-th decade so the labels never crowd.
        int stride = Math.Max(1, (int)Math.Ceiling((hi - lo) / 8));
        for (int d = first; d <= last; d++)
        {
            for (int k = 1; k <= 9; k++)
            {
                double v = d + Math.Log10(k);
                if (v < lo || v > hi) continue;
                if (majors.Contains(k) && (k != 1 || (d - first) % stride == 0)) ticks.AddMajor(v, Label(k * Math.Pow(10, d)));
                else ticks.AddMinor(v);
            }
        }
        return ticks;
    }

    /// <summary>"0.05", "20", "1e-4", "3e+05": short, and exact for the tick values.</summary>
    public static string Label(double v)
    {
        double a = Math.Abs(v);
        if (a >= 1e-3 && a < 1e5) return v.ToString("0.####", CultureInfo.InvariantCulture);
        return v.ToString("0e+0", CultureInfo.InvariantCulture);
    }
}
