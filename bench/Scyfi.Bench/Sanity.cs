using System.Diagnostics;
using System.Globalization;
using Scyfi.Core.Cycles;
using Scyfi.Core.Models;

namespace Scyfi.Bench;

/// <summary>
/// Checks, before anything is timed, that the naive baseline and Scyfi agree: the same candidate
/// outcomes and solutions on the candidate-benchmark itineraries, and the same objects on the
/// whole-find cases. Also reports candidate counts and single-run wall times for context.
/// </summary>
public static class Sanity
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs all checks; returns the process exit code (0 = all agree).</summary>
    public static int Run(TextWriter o)
    {
        bool ok = true;
        o.WriteLine("# Sanity: naive baseline vs Scyfi");
        o.WriteLine();
        o.WriteLine("## Candidate evaluation (random PLRNN, rho(A+W) = 1, fixed solvable itinerary)");
        o.WriteLine();
        o.WriteLine("| M | k | Scyfi outcome | naive outcome | max rel. diff of z1 | max rel. diff of orbit |");
        o.WriteLine("|---:|---:|---|---|---:|---:|");
        foreach (int m in new[] { 2, 10, 50 })
        {
            foreach (int k in new[] { 1, 10, 50 })
            {
                var model = BenchModels.RandomModel(m, seed: 7);
                var codes = BenchModels.SolvableItinerary(model, k, seed: 11);
                var ev = new CandidateEvaluator(model.Form);
                ev.EnsureCapacity(k);
                var ours = ev.Evaluate(codes, k);
                var naive = NaiveScyfi.FromModel(model);
                var nout = naive.Evaluate(NaiveScyfi.Regions(codes, k, m));
                var orbit = ev.Orbit(k);
                double scale = 1 + DenseMax(orbit[..(k * m)]);
                double dz1 = 0, dorb = 0;
                for (int j = 0; j < k && naive.LastTrajectory.Length == k; j++)
                    for (int i = 0; i < m; i++)
                    {
                        double d = Math.Abs(orbit[j * m + i] - naive.LastTrajectory[j][i]) / scale;
                        dorb = Math.Max(dorb, d);
                        if (j == 0) dz1 = Math.Max(dz1, d);
                    }
                bool same = (ours == CandidateOutcome.Real) == (nout == NaiveOutcome.Real)
                    && (ours == CandidateOutcome.Virtual) == (nout == NaiveOutcome.Virtual)
                    && dz1 <= 1e-6;
                ok &= same;
                o.WriteLine(string.Create(Inv, $"| {m} | {k} | {ours} | {nout} | {dz1:0.0e+0} | {dorb:0.0e+0} |{(same ? "" : " **MISMATCH**")}"));
            }
        }
        o.WriteLine();
        o.WriteLine("(The orbit difference grows along unstable directions of a virtual orbit; only z1 and the outcome are required to agree.)");
        o.WriteLine();

        ok &= CompareFind(o, "k53 (examples/k53.json), orders 1..53, outer 10, inner 50", BenchModels.K53Path, FinderOptions.UpTo(53), 10, 50);
        ok &= CompareFind(o, "plrnn10d_k10 (tests/data/cases), orders 1..10, outer 20, inner 80", BenchModels.Plrnn10dPath, FinderOptions.UpTo(10), 20, 80);

        o.WriteLine(ok ? "RESULT: naive and Scyfi agree." : "RESULT: MISMATCH between naive and Scyfi.");
        return ok ? 0 : 1;
    }

    /// <summary>`compare MODEL K [OUTER INNER] [SEED]`: whole-find agreement on any PLRNN model file.</summary>
    public static int Compare(string[] args, TextWriter o)
    {
        if (args.Length < 3) { o.WriteLine("usage: Scyfi.Bench compare MODEL MAXORDER [OUTER INNER] [SEED]"); return 2; }
        int? outer = args.Length >= 5 ? int.Parse(args[3], Inv) : null;
        int? inner = args.Length >= 5 ? int.Parse(args[4], Inv) : null;
        ulong seed = args.Length >= 6 ? ulong.Parse(args[5], Inv) : 1;
        return CompareFind(o, $"{args[1]}, orders 1..{args[2]}, outer {outer?.ToString(Inv) ?? "default"}, inner {inner?.ToString(Inv) ?? "default"}, seed {seed}",
            args[1], FinderOptions.UpTo(int.Parse(args[2], Inv)), outer, inner, seed) ? 0 : 1;
    }

    private static double DenseMax(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    private static bool CompareFind(TextWriter o, string title, string path, IReadOnlyList<int> orders, int? outer, int? inner, ulong seed = 1)
    {
        o.WriteLine($"## Whole find: {title}");
        o.WriteLine();
        var model = ModelFile.Load(path);
        var results = new List<(string Name, IReadOnlyList<(int Order, double[][] Points, double Radius)> Objects, long Candidates, double Seconds)>();
        foreach (int threads in new[] { 1, 2 })
        {
            var sw = Stopwatch.StartNew();
            var r = ScyfiFinder.Find(model, new FinderOptions { Orders = orders, Outer = outer, Inner = inner, Seed = seed, Threads = threads });
            sw.Stop();
            results.Add(($"Scyfi, {threads} thread(s)", r.Cycles.Select(c => (c.Order, c.Points, c.SpectralRadius)).ToList(), r.Stats.Candidates, sw.Elapsed.TotalSeconds));
        }
        {
            var naive = NaiveScyfi.FromModel(model);
            var sw = Stopwatch.StartNew();
            var found = naive.Find(orders, outer, inner, seed);
            sw.Stop();
            results.Add(("naive", found.Select(c => (c.Order, c.Points, c.Eigenvalues.Max(e => e.Magnitude))).ToList(), naive.Candidates, sw.Elapsed.TotalSeconds));
        }
        o.WriteLine("| implementation | objects (order: count) | candidates | wall s (one cold run) | µs per candidate |");
        o.WriteLine("|---|---|---:|---:|---:|");
        foreach (var r in results)
        {
            var counts = string.Join(", ", r.Objects.GroupBy(x => x.Order).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
            o.WriteLine(string.Create(Inv, $"| {r.Name} | {counts} | {r.Candidates} | {r.Seconds:0.000} | {1e6 * r.Seconds / r.Candidates:0.00} |"));
        }
        o.WriteLine();
        bool ok = true;
        var reference = results[0].Objects;
        foreach (var r in results.Skip(1))
        {
            bool same = SameObjects(reference, r.Objects, out string why);
            o.WriteLine($"- {r.Name} vs {results[0].Name}: {(same ? "same objects (points within 1e-6 relative, spectral radii within 1e-6)" : "DIFFERENT: " + why)}");
            ok &= same;
        }
        o.WriteLine();
        return ok;
    }

    private static bool SameObjects(IReadOnlyList<(int Order, double[][] Points, double Radius)> a, IReadOnlyList<(int Order, double[][] Points, double Radius)> b, out string why)
    {
        why = "";
        if (a.Count != b.Count) { why = $"{a.Count} vs {b.Count} objects"; return false; }
        var unmatched = b.ToList();
        foreach (var x in a)
        {
            int idx = unmatched.FindIndex(y => y.Order == x.Order && SamePointSet(x.Points, y.Points) && Math.Abs(x.Radius - y.Radius) <= 1e-6 * (1 + x.Radius));
            if (idx < 0) { why = $"no match for an order-{x.Order} object starting at ({string.Join(", ", x.Points[0].Select(v => v.ToString("G6", Inv)))})"; return false; }
            unmatched.RemoveAt(idx);
        }
        return true;
    }

    private static bool SamePointSet(double[][] p, double[][] q)
    {
        if (p.Length != q.Length) return false;
        double scale = 1 + p.Max(v => v.Max(Math.Abs));
        double tol = 1e-6 * scale;
        return p.All(x => q.Any(y => x.Zip(y).All(t => Math.Abs(t.First - t.Second) <= tol)));
    }
}
