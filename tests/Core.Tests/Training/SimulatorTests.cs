using Scyfi.Core.Training;
using Xunit;

namespace Scyfi.Core.Tests.Training;

/// <summary>Trajectories: the model's own iterates, reproducible noise, transient and initial state.</summary>
public class SimulatorTests
{
    [Fact]
    public void Noise_free_trajectory_iterates_the_model_from_the_given_state()
    {
        var model = Support.TestData.Model("gt16");
        var s = Simulator.Run(model, new SimulationOptions { Steps = 50, Initial = [0.3, -0.2], Transient = 3 });
        var z = new[] { 0.3, -0.2 };
        var next = new double[2];
        for (int t = 0; t < 3; t++) { model.Step(z, next); (z, next) = (next, z); }
        for (int t = 0; t < 50; t++)
        {
            Assert.Equal(z, s.Row(t).ToArray());
            model.Step(z, next);
            (z, next) = (next, z);
        }
    }

    [Fact]
    public void Noise_is_reproducible_and_changes_with_the_seed()
    {
        var model = Support.TestData.Model("gt16");
        SimulationOptions O(ulong seed) => new() { Steps = 200, Noise = 0.05, Seed = seed };
        var a = Simulator.Run(model, O(1)).Values.ToArray();
        Assert.Equal(a, Simulator.Run(model, O(1)).Values.ToArray());
        Assert.NotEqual(a, Simulator.Run(model, O(2)).Values.ToArray());
        Assert.NotEqual(a, Simulator.Run(model, new SimulationOptions { Steps = 200, Seed = 1 }).Values.ToArray());
    }

    [Fact]
    public void Diverging_trajectory_and_bad_settings_are_named()
    {
        var explode = TrainingFixtures.OneDimensional(3.0, 1.0);
        Assert.Contains("diverged", Assert.Throws<ScyfiInputException>(() => Simulator.Run(explode, new SimulationOptions { Steps = 2000 })).Message);
        var model = Support.TestData.Model("gt16");
        Assert.Contains("--initial has 3 values", Assert.Throws<ScyfiInputException>(() => Simulator.Run(model, new SimulationOptions { Initial = [1, 2, 3] })).Message);
        Assert.Contains("--noise", Assert.Throws<ScyfiInputException>(() => Simulator.Run(model, new SimulationOptions { Noise = double.NaN })).Message);
        Assert.Contains("--steps", Assert.Throws<ScyfiInputException>(() => Simulator.Run(model, new SimulationOptions { Steps = 0 })).Message);
    }
}
