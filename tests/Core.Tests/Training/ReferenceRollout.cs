using Scyfi.Core.Models;
using Scyfi.Core.Training;

namespace Scyfi.Core.Tests.Training;

/// <summary>
/// The training loss written out directly from its definition with the finder's own map
/// (<see cref="ReluModel.Step"/>), independent of <see cref="SequenceObjective"/>'s buffers.
/// </summary>
internal static class ReferenceRollout
{
    /// <summary>Summed squared error of one window, and the smallest |pre-activation| met by the forced inputs.</summary>
    public static (double Sse, double MinSwitch) Window(ReluModel model, TimeSeries data, int start, int length, double alpha)
    {
        int m = model.Dimension, n = data.Dimension;
        var z = new double[m];
        var zt = new double[m];
        var next = new double[m];
        var u = new double[Math.Max(1, model.SwitchingUnits)];
        for (int i = 0; i < n; i++) z[i] = data[start, i];
        double sse = 0, minSwitch = double.PositiveInfinity;
        for (int t = 0; t < length - 1; t++)
        {
            for (int i = 0; i < m; i++) zt[i] = i < n ? (1 - alpha) * z[i] + alpha * data[start + t, i] : z[i];
            model.Form.PreActivations(zt, u);
            // At t = 0 the switching units of a PLRNN or ALRNN are coordinates of the data-inferred
            // state (data, or exactly 0 for unobserved units): fixed, whatever the parameters.
            if (t > 0 || model is not (Plrnn or Alrnn))
                for (int s = 0; s < model.SwitchingUnits; s++) minSwitch = Math.Min(minSwitch, Math.Abs(u[s]));
            model.Step(zt, next);
            for (int i = 0; i < n; i++)
            {
                double r = next[i] - data[start + t + 1, i];
                sse += r * r;
            }
            (z, next) = (next, z);
        }
        return (sse, minSwitch);
    }

    /// <summary>Mean loss over windows, as <see cref="SequenceObjective.Loss"/> defines it.</summary>
    public static double Loss(ReluModel model, TimeSeries data, int[] starts, int length, double alpha, out double minSwitch)
    {
        double total = 0;
        minSwitch = double.PositiveInfinity;
        foreach (int s in starts)
        {
            var (sse, min) = Window(model, data, s, length, alpha);
            total += sse;
            minSwitch = Math.Min(minSwitch, min);
        }
        return total / (starts.Length * (length - 1.0) * data.Dimension);
    }
}
