using BenchmarkDotNet.Running;

namespace Scyfi.Bench;

/// <summary>
/// Entry point. <c>sanity</c> checks that the naive baseline and Scyfi find the same objects
/// (nothing is timed there); anything else is passed to BenchmarkDotNet
/// (e.g. <c>--filter '*'</c>, <c>--list flat</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "sanity")
            return Sanity.Run(Console.Out);
        if (args.Length > 0 && args[0] == "compare")
            return Sanity.Compare(args, Console.Out);
        if (args.Length > 0 && args[0] == "breakdown")
            return Breakdown.Run(Console.Out);
        if (args.Length > 0 && args[0] == "findtiming")
            return FindTiming.Run(Console.Out);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
