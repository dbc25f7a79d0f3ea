using System.Diagnostics;
using System.Globalization;
using Scyfi.Core.Sweeps;

namespace Scyfi.SweepBench;

/// <summary>
/// Sweep-level measurements behind the README figures (long runs, so plain wall-clock timing with
/// the baseline measured in the same run, not BenchmarkDotNet):
///   warmstart  grid points per second with warm start on and off;
///   adaptive   adaptive refinement against a dense 801×801 grid (evaluations, agreement);
///   cluster    embedded cluster against the in-process engine on the same grid (cluster [N [ROUNDS [MAXORDER]]] or cluster SPEC [ROUNDS]);
///   engine     the in-process engine alone on a spec file (the baseline of the worker and cold-start
///              benchmarks; refinement none unless a fourth argument names one);
///   trajectory checkpoints per second of a trajectory analysis, in-process against embedded cluster;
///   stores     persisted events/s and tiles/s of the embedded cluster on SQLite and on PostgreSQL.
/// Results are printed as markdown.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        string mode = args.Length > 0 ? args[0] : "warmstart";
        var sw = Stopwatch.StartNew();
        int code = mode switch
        {
            "warmstart" => WarmStart.Run(Console.Out),
            "adaptive" => Adaptive.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 801),
            "cluster" when args.Length > 1 && File.Exists(args[1]) => await ClusterOverhead.RunAsync(Console.Out, Scyfi.Core.Sweeps.SweepSpec.Load(args[1]),
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3),
            "cluster" => await ClusterOverhead.RunAsync(Console.Out, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 321,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3,
                args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4),
            "trajectory" => await TrajectoryThroughput.RunAsync(Console.Out),
            "stores" => await StoreThroughput.RunAsync(Console.Out),
            "engine" when args.Length > 1 => Engine.Run(Console.Out, args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1,
                args.Length > 3 ? Enum.Parse<RefineMode>(args[3], ignoreCase: true) : RefineMode.None),
            _ => Usage(),
        };
        Console.Error.WriteLine($"({mode}: {sw.Elapsed.TotalSeconds:F0} s)");
        return code;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Scyfi.SweepBench warmstart | adaptive [N] | cluster [N [ROUNDS [MAXORDER]] | SPEC [ROUNDS]] | trajectory | stores | engine SPEC [THREADS] [none|edges|adaptive]");
        return 2;
    }
}
