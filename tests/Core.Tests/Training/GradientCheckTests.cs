using Scyfi.Core.Training;
using Xunit;
using Xunit.Abstractions;

namespace Scyfi.Core.Tests.Training;

/// <summary>
/// The analytic gradients of the training loss equal finite differences for every parameter of
/// every family, free running (α = 0), forced (α = 0.3) and fully forced (α = 1), with hidden (unobserved) latent units.
/// </summary>
public class GradientCheckTests(ITestOutputHelper output)
{
    private const int DataSteps = 16, Window = 9;
    private static readonly int[] Starts = [0, 3, 7];

    [Theory]
    [InlineData("plrnn", 0.0)]
    [InlineData("plrnn", 0.3)]
    [InlineData("shplrnn", 0.0)]
    [InlineData("shplrnn", 0.3)]
    [InlineData("clipped-shplrnn", 0.0)]
    [InlineData("clipped-shplrnn", 0.3)]
    [InlineData("alrnn", 0.0)]
    [InlineData("alrnn", 0.3)]
    [InlineData("plrnn", 1.0)]
    [InlineData("shplrnn", 1.0)]
    public void Analytic_gradient_equals_central_differences(string family, double alpha)
    {
        var (model, data) = AwayFromBorders(family, alpha);
        var objective = new SequenceObjective(model, data, Window, alpha);
        var gradient = new double[model.Parameters.Length];
        double loss = objective.Evaluate(Starts, gradient);
        Assert.True(double.IsFinite(loss) && loss > 0);

        double worst = 0;
        string worstName = "";
        int checkedEntries = 0;
        for (int k = 0; k < gradient.Length; k++)
        {
            if (!model.IsTrainable(k))
            {
                Assert.Equal(0.0, gradient[k]);
                continue;
            }
            double fd = CentralDifference(objective, model.Parameters, k);
            double scale = Math.Max(Math.Abs(fd), Math.Abs(gradient[k]));
            // An exactly flat direction (a unit that is never on) has both values 0.
            double err = scale < 1e-12 ? Math.Abs(fd - gradient[k]) : Math.Abs(fd - gradient[k]) / scale;
            if (err > worst) { worst = err; worstName = model.EntryName(k); }
            Assert.True(err < 1e-6, $"{family}, α = {alpha}: {model.EntryName(k)} analytic {gradient[k]:R}, finite difference {fd:R} (relative error {err:E2})");
            checkedEntries++;
        }
        output.WriteLine($"{family}, α = {alpha}: {checkedEntries} entries, worst relative error {worst:E2} ({worstName})");
        Assert.Equal(Enumerable.Range(0, gradient.Length).Count(model.IsTrainable), checkedEntries);
    }

    /// <summary>
    /// Five-point central difference (error O(h⁴)), so that the comparison can be tight: inside one
    /// region configuration the loss is a polynomial in each parameter.
    /// </summary>
    private static double CentralDifference(SequenceObjective objective, double[] theta, int k)
    {
        double saved = theta[k];
        double h = 5e-4 * Math.Max(1, Math.Abs(saved));
        double At(double x)
        {
            theta[k] = x;
            return objective.Loss(Starts);
        }
        double d = (-At(saved + 2 * h) + 8 * At(saved + h) - 8 * At(saved - h) + At(saved - 2 * h)) / (12 * h);
        theta[k] = saved;
        return d;
    }

    /// <summary>
    /// A random model and data set whose forced rollouts keep every pre-activation at least 0.02 away
    /// from its switching threshold (where the loss has a kink), trying seeds in order.
    /// </summary>
    private static (TrainableModel, TimeSeries) AwayFromBorders(string family, double alpha)
    {
        for (ulong seed = 1; seed < 200; seed++)
        {
            var model = TrainingFixtures.SmallModel(family, seed);
            var data = TrainingFixtures.RandomData(DataSteps, 2, seed);
            ReferenceRollout.Loss(model.ToModel(), data, Starts, Window, alpha, out double minSwitch);
            if (minSwitch > 0.02) return (model, data);
        }
        throw new InvalidOperationException("no seed keeps the rollouts away from the switching borders");
    }
}
