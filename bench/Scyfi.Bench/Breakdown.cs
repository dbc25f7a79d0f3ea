using System.Diagnostics;
using System.Globalization;
using Scyfi.Core.Cycles;
using Scyfi.Core.Linear;

namespace Scyfi.Bench;

/// <summary>
/// Diagnostic (not a benchmark; `Scyfi.Bench breakdown`): splits one candidate evaluation of
/// <see cref="CandidateEvaluator"/> into its parts with plain Stopwatch loops (best of 7 batches
/// after a 0.5 s warm-up each): accumulating P and c over k steps, the LU solve, and the rest
/// (k steps of the true map, region comparison, closure check) as the difference. Also the bytes
/// allocated per candidate (GC.GetAllocatedBytesForCurrentThread over 1000 evaluations). The parts
/// are timed separately (different inlining), so they need not add up exactly.
/// </summary>
public static class Breakdown
{
    public static int Run(TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine("| M | k | Evaluate ns | Accumulate (k steps) ns | Solve ns | rest: orbit + checks ns | bytes/candidate |");
        o.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int m in new[] { 2, 10, 50 })
        {
            foreach (int k in new[] { 1, 10, 50 })
            {
                var model = BenchModels.RandomModel(m, seed: 7);
                var form = model.Form;
                var codes = BenchModels.SolvableItinerary(model, k, seed: 11);
                var ev = new CandidateEvaluator(form);
                ev.EnsureCapacity(k);
                ev.Evaluate(codes, k);
                var p = ev.Product.ToArray();
                var c = ev.Offset.ToArray();
                var lu = new double[m * m];
                var z = new double[m];
                double tEval = MinNs(() => (int)ev.Evaluate(codes, k));
                double tAcc = MinNs(() => ev.Accumulate(codes, k) ? 1 : 0);
                double tSolve = MinNs(() => (int)CycleSolver.Solve(m, p, c, lu, z));
                long b0 = GC.GetAllocatedBytesForCurrentThread();
                const int n = 1000;
                for (int i = 0; i < n; i++) ev.Evaluate(codes, k);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - b0;
                o.WriteLine(string.Create(inv, $"| {m} | {k} | {tEval:0} | {tAcc:0} | {tSolve:0} | {tEval - tAcc - tSolve:0} | {(double)bytes / n:0.#} |"));
            }
        }
        return 0;
    }

    /// <summary>Warms up for 0.5 s (tiered JIT), then the best of 7 batches of about 0.1 s, in ns per call.</summary>
    private static double MinNs(Func<int> action)
    {
        var sw = Stopwatch.StartNew();
        long calls = 0;
        while (sw.ElapsedMilliseconds < 500) { action(); calls++; }
        long batch = Math.Max(1, calls / 5);
        double best = double.PositiveInfinity;
        for (int r = 0; r < 7; r++)
        {
            sw.Restart();
            for (long i = 0; i < batch; i++) action();
            best = Math.Min(best, sw.Elapsed.TotalNanoseconds / batch);
        }
        return best;
    }
}
