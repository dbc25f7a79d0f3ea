using Scyfi.Core.Models;
using Scyfi.Core.Randomness;
using Scyfi.Core.Training;

namespace Scyfi.Core.Tests.Training;

/// <summary>Small models and data sets for the training tests (all deterministic).</summary>
internal static class TrainingFixtures
{
    public static readonly string[] Families = ["plrnn", "shplrnn", "clipped-shplrnn", "alrnn"];

    /// <summary>A small random model of a family: M = 3, L = 4 hidden units, P = 2 relu units.</summary>
    public static TrainableModel SmallModel(string family, ulong seed)
    {
        var model = TrainableModel.Create(family, 3, 4, 2, seed);
        Perturb(model, seed);
        return model;
    }

    /// <summary>
    /// Adds noise to every trainable entry (h starts at 0, which would leave the h-gradients of a
    /// fresh model untested in a too-symmetric point), keeping the map contracting enough that
    /// short rollouts stay of order one.
    /// </summary>
    private static void Perturb(TrainableModel model, ulong seed)
    {
        var rng = new Xoshiro256(seed, 77);
        for (int k = 0; k < model.Parameters.Length; k++)
            if (model.IsTrainable(k)) model.Parameters[k] = 0.8 * model.Parameters[k] + 0.3 * rng.NextGaussian();
    }

    /// <summary>Gaussian data of <paramref name="length"/> steps and <paramref name="dimension"/> variables.</summary>
    public static TimeSeries RandomData(int length, int dimension, ulong seed)
    {
        var rng = new Xoshiro256(seed, 99);
        var v = new double[length * dimension];
        for (int k = 0; k < v.Length; k++) v[k] = rng.NextGaussian();
        return new TimeSeries(length, dimension, v);
    }

    /// <summary>Noisy GT16 data (the 2-D PLRNN with a stable 16-cycle), standardised.</summary>
    public static TimeSeries Gt16Data(int steps = 1200, double noise = 0.01) =>
        Simulator.Run(Support.TestData.Model("gt16"), new SimulationOptions { Steps = steps, Noise = noise, Seed = 5, Transient = 200 })
            .Standardized(out _, out _);

    /// <summary>A 1-D PLRNN z' = a z + h (W = 0).</summary>
    public static Plrnn OneDimensional(double a, double h) =>
        new(ParameterArray.Vector("A", [a]), ParameterArray.Matrix("W", [[0.0]]), ParameterArray.Vector("h", [h]));
}
