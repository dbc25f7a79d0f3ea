using Scyfi.Core.Training;
using Xunit;

namespace Scyfi.Core.Tests.Training;

/// <summary>Adam and RAdam: the textbook first steps, and convergence on a quadratic.</summary>
public class OptimizerTests
{
    [Fact]
    public void First_steps_are_the_textbook_ones()
    {
        // Adam's first step is η·sign(g) (up to ε); RAdam's first steps, before its variance
        // estimate is trusted (ρ_t ≤ 5), are bias-corrected momentum steps, η·m̂ = η·g for constant g.
        var theta = new[] { 1.0, 1.0 };
        new AdamOptimizer(0.1, 2).Step(theta, [4.0, -0.01]);
        Assert.Equal(0.9, theta[0], 1e-6);
        Assert.Equal(1.1, theta[1], 1e-4);

        var radam = new RAdamOptimizer(0.1, 1);
        var x = new[] { 1.0 };
        for (int t = 0; t < 5; t++) radam.Step(x, [2.0]);
        Assert.Equal(1.0 - 5 * 0.1 * 2.0, x[0], 1e-12);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("radam")]
    public void Minimises_a_quadratic(string name)
    {
        var opt = Optimizer.Create(name, 0.05, 2);
        var theta = new[] { 3.0, -2.0 };
        var g = new double[2];
        for (int t = 0; t < 2000; t++)
        {
            g[0] = 2 * (theta[0] - 1);
            g[1] = 20 * (theta[1] + 0.5);
            opt.Step(theta, g);
        }
        Assert.Equal(1.0, theta[0], 1e-3);
        Assert.Equal(-0.5, theta[1], 1e-3);
    }
}
