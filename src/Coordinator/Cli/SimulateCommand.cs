using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Scyfi.Core;
using Scyfi.Core.Models;
using Scyfi.Core.Training;

namespace Scyfi.Coordinator.Cli;

/// <summary><c>scyfi simulate MODEL --steps T --out data.csv</c>: a trajectory of a model, optionally with process noise.</summary>
internal static class SimulateCommand
{
    public static Command Build(CliContext ctx)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file (JSON: plrnn, shplrnn, clipped-shplrnn, alrnn)" };
        var steps = new Option<int?>("--steps", "-T") { Description = "Time steps to write (after the transient)" };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of Gaussian process noise added every step", DefaultValueFactory = _ => 0.0 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (initial state and noise)", DefaultValueFactory = _ => 1UL };
        var transient = new Option<int>("--transient") { Description = "Steps iterated and discarded first", DefaultValueFactory = _ => 0 };
        var initial = new Option<string?>("--initial") { Description = "Initial state z0 as M comma-separated numbers (default: drawn from N(0, 1))" };
        var output = new Option<string?>("--out", "-o") { Description = "Output file: .csv (header z1,…,zM, one row per step) or .npy" };

        var cmd = new Command("simulate", "Simulate a trajectory of a model (optionally with process noise) and write it as CSV or .npy.")
        {
            model, steps, noise, seed, transient, initial, output,
        };
        cmd.SetAction((parse, ct) =>
        {
            string? outPath = parse.GetValue(output);
            if (string.IsNullOrWhiteSpace(outPath)) throw new ScyfiInputException("missing --out FILE (where the trajectory goes)");
            int? t = parse.GetValue(steps);
            if (t is null) throw new ScyfiInputException("missing --steps T (number of time steps)");
            var m = ModelFile.Load(parse.GetValue(model)!);
            var options = new SimulationOptions
            {
                Steps = t.Value,
                Noise = parse.GetValue(noise),
                Seed = parse.GetValue(seed),
                Transient = parse.GetValue(transient),
                Initial = parse.GetValue(initial) is { } s ? ParseVector(s) : null,
            };
            var series = Simulator.Run(m, options);
            Write(outPath, series);
            ctx.Logger("simulate").LogInformation("{Type} (M = {M}): {Steps} steps, noise {Noise}, seed {Seed}", m.Type, m.Dimension, t, options.Noise, options.Seed);
            ctx.Out.WriteLine($"wrote {series.Length} steps × {series.Dimension} variables to {outPath}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static double[] ParseVector(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                throw new ScyfiInputException($"--initial: '{parts[i]}' is not a number (give M comma-separated numbers, e.g. 0.5,-1)");
        return v;
    }

    private static void Write(string path, TimeSeries series)
    {
        try
        {
            if (string.Equals(Path.GetExtension(path), ".npy", StringComparison.OrdinalIgnoreCase)) NpyFile.Write(path, series);
            else CsvTimeSeries.Write(path, series);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"--out '{path}' cannot be written: {e.Message}");
        }
    }
}
