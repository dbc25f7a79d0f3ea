using Scyfi.Core.Cycles;
using Scyfi.Core.Models;
using Scyfi.Core.Tests.Support;
using Xunit;

namespace Scyfi.Core.Tests.Cycles;

/// <summary>
/// Stability labels agree with simulation: iterates started near a stable cycle converge to it;
/// near an unstable or saddle cycle a generic perturbation is amplified.
/// </summary>
public class StabilityBySimulationTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "tent_ar-1.5", 4 }, { "gt16", 16 }, { "alrnn_2cycle", 4 }, { "alrnn_8cycle", 11 },
        { "oneswitch_al0.5_ar-1.5", 8 }, { "oneswitch_al0_ar-1", 4 }, { "oneswitch_al1.6_ar0", 2 },
        { "plrnn10d_k10", 10 }, { "holes", 2 }, { "fp_value", 2 }, { "shplrnn_m2_h10_fp", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stable_cycles_attract_and_unstable_ones_repel(string name, int maxOrder)
    {
        var model = TestData.Model(name);
        var result = ScyfiFinder.Find(model, new FinderOptions { Orders = FinderOptions.UpTo(maxOrder), Seed = 11 });
        Assert.NotEmpty(result.Cycles);
        foreach (var cycle in result.Cycles)
        {
            double start = 1e-6 * (1 + cycle.Scale);
            double[] z = Perturb(cycle.Points[0], start);
            if (cycle.Stability == Stability.Stable)
            {
                // Contraction per period is ρ; iterate long enough to shrink the distance by 1e-3.
                int periods = (int)Math.Ceiling(Math.Log(1e-3) / Math.Log(Math.Max(cycle.SpectralRadius, 1e-12))) + 50;
                z = Iterate(model, z, periods * cycle.Order);
                double d = Distance(z, cycle.Points[0]);
                Assert.True(d < 1e-3 * start, $"{name}: stable {cycle.Order}-cycle did not attract (distance {d:G3} from {start:G3})");
            }
            else if (cycle.Stability is Stability.Saddle or Stability.Unstable)
            {
                int periods = (int)Math.Ceiling(Math.Log(1e3) / Math.Log(cycle.SpectralRadius)) + 5;
                double max = 0;
                var w = z;
                for (int p = 0; p < periods; p++)
                {
                    w = Iterate(model, w, cycle.Order);
                    max = Math.Max(max, Distance(w, cycle.Points[0]));
                }
                Assert.True(max > 10 * start, $"{name}: {cycle.Stability} {cycle.Order}-cycle did not repel (max distance {max:G3} from {start:G3})");
            }
        }
    }

    private static double[] Perturb(double[] z, double size)
    {
        // A fixed, generic direction (not aligned with any eigenvector of the test systems).
        var d = z.Select((_, i) => Math.Sin(1.7 * i + 0.3)).ToArray();
        double n = Math.Sqrt(d.Sum(x => x * x));
        return z.Select((x, i) => x + size * d[i] / n).ToArray();
    }

    private static double[] Iterate(ReluModel model, double[] z, int steps)
    {
        var a = (double[])z.Clone();
        var b = new double[a.Length];
        for (int t = 0; t < steps; t++)
        {
            model.Step(a, b);
            (a, b) = (b, a);
        }
        return a;
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
