using System.Diagnostics;
using Scyfi.Core.Sweeps;

namespace Scyfi.SweepBench;

/// <summary>Grid points per second with warm start on and off, same grid, same run.</summary>
internal static class WarmStart
{
    public static int Run(TextWriter w)
    {
        // Warm-up: JIT and tiered compilation must not be charged to the first configuration.
        Time(Specs.OneSwitch(31, 2), warm: false);
        Time(Specs.OneSwitch(31, 2), warm: true);
        w.WriteLine("| grid | orders | warm start off (points/s) | on (points/s) | on / off | candidates off → on | points differing before / after continuation |");
        w.WriteLine("|---|---|---:|---:|---:|---|---|");
        Measure(w, "one-switch 101×101", "1..2", Specs.OneSwitch(101, 2));
        Measure(w, "one-switch 61×61", "1..8", Specs.OneSwitch(61, 8));
        Measure(w, "GT16 11×11", "1..16", Specs.Gt16(11));
        return 0;
    }

    private static void Measure(TextWriter w, string name, string orders, SweepSpec spec)
    {
        var (offRate, offCand, offPoints) = Time(spec, warm: false);
        var (onRate, onCand, onPoints) = Time(spec, warm: true);
        int before = offPoints.Keys.Count(i => Signature(offPoints[i]) != Signature(onPoints[i]));
        var grid = new SweepGrid(spec);
        GridContinuation.Close(grid, offPoints);
        GridContinuation.Close(grid, onPoints);
        int after = offPoints.Keys.Count(i => Signature(offPoints[i]) != Signature(onPoints[i]));
        w.WriteLine($"| {name} | {orders} | {offRate:F0} | {onRate:F0} | {onRate / offRate:F2}× | {offCand:N0} → {onCand:N0} | {before} / {after} |");
        w.Flush();
    }

    private static (double Rate, long Candidates, Dictionary<int, PointResult> Points) Time(SweepSpec spec, bool warm)
    {
        var engine = new SweepEngine(spec, Environment.ProcessorCount) { WarmStart = warm };
        var sw = Stopwatch.StartNew();
        var points = engine.ComputeGrid(new SweepGrid(spec), null, CancellationToken.None);
        double seconds = sw.Elapsed.TotalSeconds;
        return (points.Count / seconds, points.Values.Sum(p => p.Candidates), points);
    }

    private static string Signature(PointResult p) => string.Join(";", p.Objects.Select(o => $"{o.Order}:{string.Join(",", o.Itinerary)}:{o.Stability}"));
}
