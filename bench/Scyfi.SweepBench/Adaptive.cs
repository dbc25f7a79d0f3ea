using System.Diagnostics;
using Scyfi.Core.Sweeps;

namespace Scyfi.SweepBench;

/// <summary>
/// Adaptive refinement against a dense grid: a coarse grid refined 2^depth times reaches the same
/// lattice as the dense grid. The bifurcation points both locate on the lattice's horizontal
/// lines are compared (type, order, line, position), and the evaluations counted.
/// </summary>
internal static class Adaptive
{
    public static int Run(TextWriter w, int fine)
    {
        const int depth = 4;
        int coarse = (fine - 1) / (1 << depth) + 1;
        if ((coarse - 1) * (1 << depth) + 1 != fine) throw new ArgumentException($"{fine} - 1 must be a multiple of {1 << depth}");
        var sw = Stopwatch.StartNew();
        var dense = new SweepEngine(Specs.OneSwitch(fine, 2), Environment.ProcessorCount, RefineMode.Edges).Run();
        double denseSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var adaptive = new SweepEngine(Specs.OneSwitch(coarse, 2), Environment.ProcessorCount, RefineMode.Adaptive, depth).Run();
        double adaptiveSeconds = sw.Elapsed.TotalSeconds;

        // Key each event by its type, order and the lattice line it lies on (a_r on horizontal edges).
        static string Key(Bifurcation b, double arStep) => $"{b.Type}|{b.Order}|{Math.Round((b.At["a_r"] + 2) / arStep)}";
        double step = 2.8 / (fine - 1);
        var horizontal = (Bifurcation b) => b.Detail.EdgeFrom["a_r"] == b.Detail.EdgeTo["a_r"];
        var denseByKey = dense.Bifurcations.Where(horizontal).GroupBy(b => Key(b, step)).ToDictionary(g => g.Key, g => g.ToList());
        int matched = 0, unmatched = 0;
        double maxError = 0;
        foreach (var b in adaptive.Bifurcations.Where(horizontal))
        {
            if (!denseByKey.TryGetValue(Key(b, step), out var candidates)) { unmatched++; continue; }
            double err = candidates.Min(d => Math.Abs(d.At["a_l"] - b.At["a_l"]));
            maxError = Math.Max(maxError, err);
            matched++;
        }
        int denseOnLines = dense.Bifurcations.Count(horizontal);
        w.WriteLine("| | grid | evaluations | seconds | bifurcation points on horizontal lattice lines |");
        w.WriteLine("|---|---|---:|---:|---:|");
        w.WriteLine($"| dense | {fine}×{fine} | {dense.Stats.Evaluations:N0} | {denseSeconds:F0} | {denseOnLines:N0} |");
        w.WriteLine($"| adaptive | {coarse}×{coarse}, depth {depth} | {adaptive.Stats.Evaluations:N0} ({100.0 * adaptive.Stats.Evaluations / dense.Stats.Evaluations:F1} %) | {adaptiveSeconds:F0} | {matched + unmatched:N0} |");
        w.WriteLine();
        w.WriteLine($"Adaptive points matching a dense point on the same line: {matched:N0} of {matched + unmatched:N0}; largest |Δa_l| between matched points: {maxError:G3}.");
        w.WriteLine($"Dense points on lines also located by the adaptive run: {100.0 * matched / Math.Max(1, denseOnLines):F1} %.");
        return 0;
    }
}
