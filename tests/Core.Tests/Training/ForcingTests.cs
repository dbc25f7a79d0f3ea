using Scyfi.Core.Models;
using Scyfi.Core.Training;
using Xunit;

namespace Scyfi.Core.Tests.Training;

/// <summary>
/// The objective is what it says: the forced recursion z̃ = (1 − α) z + α ẑ with the finder's map,
/// α = 0 free running from the data-inferred state, α = 1 one-step-ahead prediction from the data.
/// </summary>
public class ForcingTests
{
    [Theory]
    [InlineData("plrnn")]
    [InlineData("shplrnn")]
    [InlineData("clipped-shplrnn")]
    [InlineData("alrnn")]
    public void Trainable_step_is_the_finders_map(string family)
    {
        var model = TrainingFixtures.SmallModel(family, 3);
        var reference = model.ToModel();
        var data = TrainingFixtures.RandomData(50, 3, 4);
        var a = new double[3];
        var b = new double[3];
        for (int t = 0; t < data.Length; t++)
        {
            model.Step(data.Row(t), a);
            reference.Step(data.Row(t), b);
            for (int i = 0; i < 3; i++) Assert.Equal(b[i], a[i], 1e-12);
        }
        // And back: a model file of the trained parameters gives the same trainable model.
        var again = TrainableModel.FromModel(ModelFile.Parse(ModelFile.ToJson(reference)));
        Assert.Equal(model.Type, again.Type);
        Assert.Equal(model.Parameters, again.Parameters);
    }

    [Theory]
    [InlineData("plrnn", 0.0)]
    [InlineData("plrnn", 0.3)]
    [InlineData("plrnn", 1.0)]
    [InlineData("shplrnn", 0.0)]
    [InlineData("shplrnn", 0.7)]
    [InlineData("clipped-shplrnn", 0.3)]
    [InlineData("alrnn", 0.0)]
    [InlineData("alrnn", 1.0)]
    public void Loss_is_the_forced_recursion_of_the_definition(string family, double alpha)
    {
        var model = TrainingFixtures.SmallModel(family, 5);
        var data = TrainingFixtures.RandomData(40, 2, 6);
        int[] starts = [0, 11, 25];
        var objective = new SequenceObjective(model, data, 15, alpha);
        double expected = ReferenceRollout.Loss(model.ToModel(), data, starts, 15, alpha, out _);
        Assert.Equal(expected, objective.Loss(starts), 1e-10 * expected);
        Assert.Equal(objective.Loss(starts), objective.Evaluate(starts, new double[model.Parameters.Length]));
    }

    [Fact]
    public void Free_running_alpha_zero_sees_the_data_only_at_the_start()
    {
        // Data from the model itself, noise-free: free-running rollouts reproduce it exactly.
        var gt16 = Support.TestData.Model("gt16");
        var data = Simulator.Run(gt16, new SimulationOptions { Steps = 100, Seed = 2, Transient = 50 });
        var trainable = TrainableModel.FromModel(gt16);
        var free = new SequenceObjective(trainable, data, 60, 0.0);
        Assert.True(free.Loss([0, 17, 40]) < 1e-24);

        // Changing the data after the first step changes the targets but not the rollout: the
        // loss against shifted targets is exactly the squared shift.
        var shifted = new double[data.Values.Length];
        data.Values.CopyTo(shifted);
        for (int k = 2; k < shifted.Length; k++) shifted[k] += 0.5;   // every step but the first
        var objective = new SequenceObjective(trainable, new TimeSeries(data.Length, 2, shifted), 60, 0.0);
        Assert.Equal(0.25, objective.Loss([0]), 1e-10);
    }

    [Fact]
    public void Full_forcing_alpha_one_is_one_step_ahead_prediction()
    {
        // N = M: every step starts from the data, so the loss is the one-step prediction error.
        var model = TrainingFixtures.SmallModel("plrnn", 8);
        var reference = model.ToModel();
        var data = TrainingFixtures.RandomData(30, 3, 9);
        double sse = 0;
        var next = new double[3];
        for (int t = 4; t < 4 + 19; t++)
        {
            reference.Step(data.Row(t), next);
            for (int i = 0; i < 3; i++) sse += Math.Pow(next[i] - data[t + 1, i], 2);
        }
        var objective = new SequenceObjective(model, data, 20, 1.0);
        Assert.Equal(sse / (19 * 3), objective.Loss([4]), 1e-12);

        // The steps decouple: the gradient of a window is the mean of the gradients of its
        // one-step windows. Free running (α = 0), they do not.
        var whole = new double[model.Parameters.Length];
        objective.Evaluate([4], whole);
        var sum = new double[whole.Length];
        var one = new double[whole.Length];
        var pairs = new SequenceObjective(model, data, 2, 1.0);
        for (int t = 4; t < 4 + 19; t++)
        {
            pairs.Evaluate([t], one);
            for (int k = 0; k < sum.Length; k++) sum[k] += one[k] / 19;
        }
        for (int k = 0; k < sum.Length; k++) Assert.Equal(sum[k], whole[k], 1e-12);

        var free = new double[whole.Length];
        new SequenceObjective(model, data, 20, 0.0).Evaluate([4], free);
        Assert.True(free.Zip(sum).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Full_forcing_with_hidden_units_replaces_only_the_observed_ones()
    {
        // M = 3, N = 2: with α = 1 the observed units are the data at every step while the third
        // unit runs free from 0; α = 1 and α = 0 then differ.
        var model = TrainingFixtures.SmallModel("shplrnn", 10);
        var data = TrainingFixtures.RandomData(20, 2, 11);
        var reference = model.ToModel();
        var z = new double[3];
        var next = new double[3];
        double sse = 0;
        for (int t = 0; t < 9; t++)
        {
            z[0] = data[t, 0];
            z[1] = data[t, 1];
            reference.Step(z, next);
            for (int i = 0; i < 2; i++) sse += Math.Pow(next[i] - data[t + 1, i], 2);
            z[2] = next[2];
        }
        Assert.Equal(sse / (9 * 2), new SequenceObjective(model, data, 10, 1.0).Loss([0]), 1e-12);
        Assert.NotEqual(new SequenceObjective(model, data, 10, 0.0).Loss([0]), new SequenceObjective(model, data, 10, 1.0).Loss([0]));
    }
}
