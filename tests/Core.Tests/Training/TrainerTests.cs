using Scyfi.Core.Training;
using Xunit;
using Xunit.Abstractions;

namespace Scyfi.Core.Tests.Training;

/// <summary>Training itself: it learns data simulated from a known model, and it is deterministic.</summary>
public class TrainerTests(ITestOutputHelper output)
{
    private static readonly TimeSeries Gt16 = TrainingFixtures.Gt16Data();

    private static TrainingOptions Small(string family, string method = "bptt", double alpha = 0, ulong seed = 1, string optimizer = "adam",
        int epochs = 12, double? clip = null) => new()
    {
        Model = family,
        Latent = family == "alrnn" ? 3 : 2,
        Hidden = family.Contains("shplrnn", StringComparison.Ordinal) ? 8 : 0,
        ReluCount = family == "alrnn" ? 2 : 0,
        Method = method,
        Alpha = alpha,
        Epochs = epochs,
        SequenceLength = 20,
        BatchSize = 8,
        BatchesPerEpoch = 10,
        LearningRate = 0.01,
        Optimizer = optimizer,
        Seed = seed,
        Clip = clip,
    };

    [Theory]
    [InlineData("plrnn", "bptt", 0.0)]
    [InlineData("plrnn", "gtf", 0.1)]
    [InlineData("shplrnn", "bptt", 0.0)]
    [InlineData("clipped-shplrnn", "gtf", 0.2)]
    [InlineData("alrnn", "bptt", 0.0)]
    public void Training_on_gt16_data_reduces_the_loss(string family, string method, double alpha)
    {
        var options = Small(family, method, alpha);
        var trainer = new Trainer(Gt16, options);
        // Judged on fixed windows with the free-running loss, whatever the training α.
        var judge = new SequenceObjective(trainer.Model, Gt16, 20, 0.0);
        int[] windows = Enumerable.Range(0, 40).Select(i => i * 25).ToArray();
        double before = judge.Loss(windows);
        for (int e = 0; e < options.Epochs; e++) trainer.RunEpoch();
        double after = judge.Loss(windows);
        output.WriteLine($"{family} {method} α = {alpha}: free-running loss {before:G4} → {after:G4}");
        Assert.True(after < 0.5 * before, $"loss {before:G4} → {after:G4}");
    }

    [Theory]
    [InlineData("plrnn", "adam")]
    [InlineData("shplrnn", "radam")]
    public void Same_seed_same_run_other_seed_other_run(string family, string optimizer)
    {
        double[] Run(ulong seed, out EpochStats[] stats)
        {
            var trainer = new Trainer(Gt16, Small(family, "gtf", 0.2, seed, optimizer, epochs: 3, clip: 1.0));
            stats = [trainer.Evaluate(), trainer.RunEpoch(), trainer.RunEpoch(), trainer.RunEpoch()];
            return (double[])trainer.Model.Parameters.Clone();
        }
        var a = Run(7, out var sa);
        var b = Run(7, out var sb);
        var c = Run(8, out _);
        Assert.Equal(a, b);             // bit for bit
        Assert.Equal(sa, sb);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Fixed_diagonal_of_W_never_moves()
    {
        var trainer = new Trainer(Gt16, Small("plrnn"));
        for (int e = 0; e < 3; e++) trainer.RunEpoch();
        var w = trainer.Model.Block("W");
        for (int i = 0; i < 2; i++) Assert.Equal(0.0, trainer.Model.Parameters[w.Offset + i * 2 + i]);
        Assert.NotEqual(0.0, trainer.Model.Parameters[w.Offset + 1]);
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_option_named()
    {
        Assert.Contains("--latent M = 1 is smaller than the data dimension N = 2",
            Assert.Throws<ScyfiInputException>(() => new Trainer(Gt16, new TrainingOptions { Model = "plrnn", Latent = 1 })).Message);
        Assert.Contains("--alpha must lie in [0, 1]",
            Assert.Throws<ScyfiInputException>(() => new Trainer(Gt16, new TrainingOptions { Model = "plrnn", Latent = 2, Method = "gtf", Alpha = 1.5 })).Message);
        Assert.Contains("--seq-len 5000 is longer than the data",
            Assert.Throws<ScyfiInputException>(() => new Trainer(Gt16, new TrainingOptions { Model = "plrnn", Latent = 2, SequenceLength = 5000 })).Message);
        Assert.Contains("--hidden L",
            Assert.Throws<ScyfiInputException>(() => new Trainer(Gt16, new TrainingOptions { Model = "shplrnn", Latent = 2 })).Message);
    }
}
