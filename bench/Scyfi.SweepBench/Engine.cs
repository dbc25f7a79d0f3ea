using System.Diagnostics;
using Scyfi.Core.Sweeps;

namespace Scyfi.SweepBench;

/// <summary>The in-process engine alone on a spec file: the baseline the cluster runs are compared with.</summary>
internal static class Engine
{
    public static int Run(TextWriter w, string specPath, int threads, RefineMode refine = RefineMode.None)
    {
        var spec = SweepSpec.Load(specPath);
        var sw = Stopwatch.StartNew();
        var result = new SweepEngine(spec, threads, refine).Run();
        var s = result.Stats;
        w.WriteLine($"engine {specPath}: {threads} thread(s), {sw.Elapsed.TotalSeconds:F2} s (grid {s.GridSeconds:F2} s, continuation {s.ContinuationSeconds:F2} s, detection {s.DetectionSeconds:F2} s), {result.Points.Count} points, {s.Candidates:N0} candidates");
        return 0;
    }
}
