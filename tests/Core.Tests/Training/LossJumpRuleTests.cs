using Scyfi.Core.Training;
using Xunit;

namespace Scyfi.Core.Tests.Training;

/// <summary>The documented loss-jump rule on synthetic logs.</summary>
public class LossJumpRuleTests
{
    /// <summary>A log from a loss per epoch, with multiplicative noise of relative size <paramref name="noise"/>.</summary>
    private static List<TrainingLogEntry> Log(Func<int, double> loss, int epochs, double noise = 0.01, int seed = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, epochs + 1)
            .Select(e => new TrainingLogEntry(e, loss(e) * (1 + noise * (2 * rng.NextDouble() - 1)), 1, 0, e))
            .ToList();
    }

    /// <summary>An initial descent from 2 to 0.07 in 4 epochs, then a slow drift.</summary>
    private static double Start(int e) => e < 4 ? 2 * Math.Pow(0.07 / 2, e / 4.0) : 0.07 * (1 - 0.0002 * e);

    [Fact]
    public void A_plateau_then_a_drop_over_a_few_epochs_is_one_jump()
    {
        // The plateau at 0.07 falls to 0.01 between epochs 80 and 85 (factor 7: 0.85 decades).
        var log = Log(e => e <= 80 ? Start(e) : e >= 85 ? 0.01 : 0.07 * Math.Pow(0.01 / 0.07, (e - 80) / 5.0), 200);
        var jump = Assert.Single(LossJumpRule.Default.Detect(log));
        Assert.Equal(LossJump.Decrease, jump.Kind);
        Assert.InRange(jump.From, 79, 81);
        Assert.InRange(jump.To, 84, 86);
        Assert.InRange(jump.Epoch, 81, 85);
        Assert.InRange(jump.Size!.Value, -0.95, -0.75);
    }

    [Fact]
    public void Noise_and_a_steady_descent_are_not_jumps()
    {
        // The initial descent, then an exponential decline by two decades over 150 epochs, with 5% noise.
        Assert.Empty(LossJumpRule.Default.Detect(Log(e => e < 4 ? Start(e) : Start(4) * Math.Pow(10, -2.0 * Math.Min(e - 4, 150) / 150), 300, noise: 0.05)));
        Assert.Empty(LossJumpRule.Default.Detect(Log(Start, 300, noise: 0.08, seed: 7)));
    }

    [Fact]
    public void A_rise_at_the_first_epoch_counts_but_the_initial_descent_does_not()
    {
        var rising = Log(e => e == 0 ? 0.09 : 4.5 * Math.Pow(0.99, e), 100);
        var jump = Assert.Single(LossJumpRule.Default.Detect(rising));
        Assert.Equal((LossJump.Increase, 0, 1), (jump.Kind, jump.From, jump.To));
        Assert.Empty(LossJumpRule.Default.Detect(Log(Start, 100)));
    }

    [Fact]
    public void Non_finite_losses_are_divergence_jumps()
    {
        var log = Log(Start, 60);
        for (int e = 40; e <= 43; e++) log[e] = log[e] with { Loss = e == 41 ? double.PositiveInfinity : double.NaN };
        var jump = Assert.Single(LossJumpRule.Default.Detect(log));
        Assert.Equal((LossJump.Diverged, 39, 40, 40), (jump.Kind, jump.From, jump.To, jump.Epoch));
        Assert.Null(jump.Size);
    }

    [Fact]
    public void Sparse_logs_work_on_consecutive_rows()
    {
        // Logged every 5 epochs (as in the paper), with a jump up between epochs 400 and 405.
        var log5 = Log(e => e <= 80 ? Start(e) : 0.5, 200).Select(r => r with { Epoch = r.Epoch * 5 }).ToList();
        var jump = Assert.Single(LossJumpRule.Default.Detect(log5));
        Assert.Equal((LossJump.Increase, 400, 405), (jump.Kind, jump.From, jump.To));
    }

    [Fact]
    public void Checkpoint_spacing_is_the_interval_that_holds_the_epoch()
    {
        var path = new Scyfi.Core.Sweeps.ParameterPath(
            Enumerable.Range(0, 4).Select(_ => Scyfi.Core.Models.ModelFile.Parse("""{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}""")).ToList(),
            [0, 10, 30, 35]);
        Assert.Equal(10, TrainingTrajectory.Spacing(path, -5));
        Assert.Equal(10, TrainingTrajectory.Spacing(path, 3));
        Assert.Equal(20, TrainingTrajectory.Spacing(path, 10));
        Assert.Equal(5, TrainingTrajectory.Spacing(path, 34));
        Assert.Equal(5, TrainingTrajectory.Spacing(path, 99));
    }
}
