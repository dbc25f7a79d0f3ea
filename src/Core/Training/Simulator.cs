using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Training;

/// <summary>Settings of <see cref="Simulator.Run"/>.</summary>
public sealed class SimulationOptions
{
    /// <summary>Number of time steps written (after the transient).</summary>
    public int Steps { get; init; } = 1000;
    /// <summary>Standard deviation σ of the Gaussian process noise added to every step (0: deterministic).</summary>
    public double Noise { get; init; }
    /// <summary>Seed of the initial state (when not given) and of the noise.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Steps iterated and discarded before the first written one.</summary>
    public int Transient { get; init; }
    /// <summary>Initial state z0 (length M), or null to draw it from N(0, 1) with the seed.</summary>
    public double[]? Initial { get; init; }
}

/// <summary>
/// Trajectories of any model: z_{t+1} = F(z_t) + σ ε_t with ε_t ~ N(0, I). Row 0 of the result is
/// the state after the transient (the initial state when there is none).
/// </summary>
public static class Simulator
{
    /// <summary>Simulates the model; a trajectory that overflows becomes a <see cref="ScyfiInputException"/>.</summary>
    public static TimeSeries Run(ReluModel model, SimulationOptions options)
    {
        int m = model.Dimension;
        if (options.Steps < 1) throw new ScyfiInputException($"--steps must be at least 1 (got {options.Steps})");
        if (options.Transient < 0) throw new ScyfiInputException($"--transient must be 0 or more (got {options.Transient})");
        if (!double.IsFinite(options.Noise) || options.Noise < 0) throw new ScyfiInputException($"--noise must be a finite number ≥ 0 (got {options.Noise})");
        if ((long)options.Steps * m > 200_000_000) throw new ScyfiInputException($"--steps {options.Steps} × M = {m} is too large (at most 2·10⁸ values)");

        // Stream 0 draws the initial state and stream 1 the noise, so that giving --initial does not change the noise.
        var init = new Xoshiro256(options.Seed, 0);
        var noise = new Xoshiro256(options.Seed, 1);
        var z = new double[m];
        if (options.Initial is { } z0)
        {
            if (z0.Length != m) throw new ScyfiInputException($"--initial has {z0.Length} values, the model has M = {m}");
            if (z0.Any(x => !double.IsFinite(x))) throw new ScyfiInputException("--initial values must be finite numbers");
            z0.AsSpan().CopyTo(z);
        }
        else
        {
            for (int i = 0; i < m; i++) z[i] = init.NextGaussian();
        }

        var next = new double[m];
        var u = new double[Math.Max(1, model.SwitchingUnits)];
        var pattern = new ulong[model.RegionWords];
        var data = new double[options.Steps * m];
        int total = options.Transient + options.Steps;
        for (int t = 0; t < total; t++)
        {
            int row = t - options.Transient;
            if (row >= 0) z.AsSpan().CopyTo(data.AsSpan(row * m, m));
            if (t == total - 1) break;
            model.Form.Step(z, next, pattern, u);
            for (int i = 0; i < m; i++)
            {
                double x = next[i] + (options.Noise > 0 ? options.Noise * noise.NextGaussian() : 0.0);
                if (!double.IsFinite(x))
                    throw new ScyfiInputException($"the trajectory diverged at step {t + 1} (z{i + 1} is not finite): the model has no bounded orbit from this initial state");
                z[i] = x;
            }
        }
        return new TimeSeries(options.Steps, m, data);
    }
}
