using System.Diagnostics;
using System.Globalization;
using Scyfi.Core.Cycles;

namespace Scyfi.Bench;

/// <summary>
/// Diagnostic (not a benchmark): best-of-N wall time of the whole finds in this process after a
/// warm-up, with candidate counts, for a quick look at per-candidate cost inside a search and at
/// thread scaling. Run with `Scyfi.Bench findtiming`.
/// </summary>
public static class FindTiming
{
    public static int Run(TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        var k53 = BenchModels.Load(BenchModels.K53Path);
        var d10 = BenchModels.Load(BenchModels.Plrnn10dPath);
        o.WriteLine("| case | implementation | best s | candidates | µs/candidate |");
        o.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (name, model, orders, outer, inner, reps) in new[]
        {
            ("k53", k53, FinderOptions.UpTo(53), (int?)10, (int?)50, 60),
            ("plrnn10d", d10, FinderOptions.UpTo(10), (int?)20, (int?)80, 30),
        })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var opts = new FinderOptions { Orders = orders, Outer = outer, Inner = inner, Seed = 1, Threads = threads };
                double best = double.PositiveInfinity, cpuAtBest = 0;
                long cands = 0;
                var proc = Process.GetCurrentProcess();
                for (int r = 0; r < reps; r++)
                {
                    proc.Refresh();
                    var cpu0 = proc.TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var res = ScyfiFinder.Find(model, opts);
                    double wall = sw.Elapsed.TotalSeconds;
                    proc.Refresh();
                    if (wall < best) { best = wall; cpuAtBest = (proc.TotalProcessorTime - cpu0).TotalSeconds; }
                    cands = res.Stats.Candidates;
                }
                o.WriteLine(string.Create(inv, $"| {name} | Scyfi {threads} thread(s) | {best:0.0000} | {cands} | {1e6 * best / cands:0.00} | CPU/wall {cpuAtBest / best:0.00} |"));
            }
            var naive = NaiveScyfi.FromModel(model);
            double nb = double.PositiveInfinity;
            for (int r = 0; r < Math.Max(2, reps / 5); r++)
            {
                var sw = Stopwatch.StartNew();
                naive.Find(orders, outer, inner, 1);
                nb = Math.Min(nb, sw.Elapsed.TotalSeconds);
            }
            o.WriteLine(string.Create(inv, $"| {name} | naive | {nb:0.0000} | {naive.Candidates} | {1e6 * nb / naive.Candidates:0.00} |"));
        }
        o.WriteLine();
        o.WriteLine("Hardware ceiling: T threads, each with its own evaluator, evaluating the same number of candidates each (no shared state).");
        o.WriteLine();
        o.WriteLine("| M | k | 1 thread s | 2 threads s | scaling |");
        o.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var (m, k, n) in new[] { (2, 27, 200_000), (10, 5, 100_000) })
        {
            var model = BenchModels.RandomModel(m, seed: 7);
            var codes = BenchModels.SolvableItinerary(model, k, seed: 11);
            double Time(int threads)
            {
                double best = double.PositiveInfinity;
                for (int r = 0; r < 3; r++)
                {
                    var sw = Stopwatch.StartNew();
                    var ts = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
                    {
                        var ev = new CandidateEvaluator(model.Form);
                        ev.EnsureCapacity(k);
                        for (int i = 0; i < n; i++) ev.Evaluate(codes, k);
                    })).ToArray();
                    foreach (var t in ts) t.Start();
                    foreach (var t in ts) t.Join();
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                return best;
            }
            Time(2);
            double t1 = Time(1), t2 = Time(2);
            o.WriteLine(string.Create(inv, $"| {m} | {k} | {t1:0.000} | {t2:0.000} | {2 * t1 / t2:0.00} |"));
        }
        return 0;
    }
}
