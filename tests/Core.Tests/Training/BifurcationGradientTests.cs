using Scyfi.Core.Models;
using Scyfi.Core.Training;
using Xunit;
using Xunit.Abstractions;

namespace Scyfi.Core.Tests.Training;

/// <summary>
/// science.md §5: along a parameter path into a degenerate transcritical bifurcation (DTB) of a
/// stable fixed point, the free-running loss gradient of long sequences grows without bound
/// (∂z*/∂θ ∝ (I − J)⁻¹ diverges as a multiplier tends to +1), while generalised teacher forcing
/// keeps it bounded (the forced recursion contracts by (1 − α)).
/// </summary>
public class BifurcationGradientTests(ITestOutputHelper output)
{
    // Long enough to hold more than ten time constants 1/(1 − λ) at the nearest point.
    private const int Steps = 20_000;

    /// <summary>1-D PLRNN z' = a z + h, h = 0.1: z* = h/(1 − a), DTB at a = 1.</summary>
    private static readonly double[] OneDPath = [0.9, 0.97, 0.99, 0.997, 0.999];

    /// <summary>
    /// 2-D PLRNN with A = diag(a, 0.3), W = [[0, 0.4], [0.5, 0]], h = (0.2, 0.3): a stable fixed point
    /// in the orthant z &gt; 0 with J = A + W, whose leading multiplier reaches +1 at a = 5/7 (det(I − J) = 0.7(5/7 − a)).
    /// </summary>
    private static readonly double[] TwoDPath = [5.0 / 7 - 0.1, 5.0 / 7 - 0.03, 5.0 / 7 - 0.01, 5.0 / 7 - 0.003, 5.0 / 7 - 0.001];

    [Fact]
    public void One_dimensional_gradient_explodes_towards_the_DTB()
    {
        var norms = OneDPath.Select(a => GradientNorm(TrainingFixtures.OneDimensional(a, 0.1), Data(1), 0.0)).ToArray();
        Report("1-D, α = 0", OneDPath, norms);
        AssertExplodes(norms);
    }

    [Fact]
    public void Two_dimensional_gradient_explodes_towards_the_DTB()
    {
        var norms = TwoDPath.Select(a => GradientNorm(TwoD(a), Data(2), 0.0)).ToArray();
        Report("2-D, α = 0", TwoDPath, norms);
        AssertExplodes(norms);
    }

    [Fact]
    public void Teacher_forcing_keeps_the_gradient_bounded_on_the_same_path()
    {
        var norms = TwoDPath.Select(a => GradientNorm(TwoD(a), Data(2), 0.3)).ToArray();
        Report("2-D, α = 0.3", TwoDPath, norms);
        Assert.True(norms.Max() / norms.Min() < 3, "with α = 0.3 the gradient norm stays within a factor 3 along the path");
    }

    private static void AssertExplodes(double[] norms)
    {
        for (int i = 1; i < norms.Length; i++)
            Assert.True(norms[i] > norms[i - 1], $"gradient norm not increasing at step {i}: {norms[i - 1]:G4} → {norms[i]:G4}");
        Assert.True(norms[^1] / norms[0] > 100, $"near/far ratio only {norms[^1] / norms[0]:G4}");
    }

    private void Report(string what, double[] path, double[] norms) =>
        output.WriteLine($"{what}: " + string.Join(", ", path.Zip(norms).Select(p => $"{p.First:F4} → {p.Second:G4}")) + $" (ratio {norms[^1] / norms[0]:G4})");

    private static double GradientNorm(ReluModel model, TimeSeries data, double alpha)
    {
        var trainable = TrainableModel.FromModel(model);
        var gradient = new double[trainable.Parameters.Length];
        double loss = new SequenceObjective(trainable, data, data.Length, alpha).Evaluate([0], gradient);
        Assert.True(double.IsFinite(loss));
        return Math.Sqrt(gradient.Sum(g => g * g));
    }

    private static Plrnn TwoD(double a) => new(
        ParameterArray.Vector("A", [a, 0.3]),
        ParameterArray.Matrix("W", [[0.0, 0.4], [0.5, 0.0]]),
        ParameterArray.Vector("h", [0.2, 0.3]));

    /// <summary>Observations scattered around 0.5 in every variable; the rollouts start in the fixed point's basin.</summary>
    private static TimeSeries Data(int dimension)
    {
        var noise = TrainingFixtures.RandomData(Steps, dimension, 21);
        var v = new double[Steps * dimension];
        for (int k = 0; k < v.Length; k++) v[k] = 0.5 + 0.1 * noise.Values[k];
        return new TimeSeries(Steps, dimension, v);
    }
}
