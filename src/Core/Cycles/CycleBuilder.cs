using MathNet.Numerics.LinearAlgebra;
using Scyfi.Core.Linear;

namespace Scyfi.Core.Cycles;

/// <summary>
/// Turns a real candidate into a <see cref="Cycle"/>: rotates it to its canonical itinerary,
/// re-solves in that rotation (so the stored points do not depend on which rotation the search
/// happened to hit), checks the minimal period and computes multipliers and border distance.
/// </summary>
internal static class CycleBuilder
{
    /// <summary>
    /// Builds the cycle for a candidate the evaluator just reported as real, or returns null when
    /// its minimal period is smaller than k (it is a lower-order cycle traversed several times).
    /// </summary>
    public static Cycle? FromRealCandidate(CandidateEvaluator ev, ReadOnlySpan<ulong> itinerary, int k)
    {
        int m = ev.Form.M, w = ev.Form.Words;
        int shift = Rotation.MinimalShift(itinerary.Slice(0, k * w), w);
        var canonical = new ulong[k * w];
        Rotation.Rotate(itinerary.Slice(0, k * w), w, shift, canonical);

        double[][] points;
        if (ev.Evaluate(canonical, k) == CandidateOutcome.Real)
        {
            points = Rows(ev.Orbit(k), k, m);
        }
        else
        {
            // Borderline: the rotation solved differently by round-off. Re-run the original
            // rotation and rotate its points instead.
            if (ev.Evaluate(itinerary, k) != CandidateOutcome.Real) return null;
            var orig = Rows(ev.Orbit(k), k, m);
            points = new double[k][];
            for (int j = 0; j < k; j++) points[j] = orig[(j + shift) % k];
            ev.Accumulate(canonical, k);
        }
        if (!HasMinimalPeriod(points)) return null;

        var product = ev.Product.ToArray();
        var multipliers = Multipliers.Of(m, product);
        double radius = 0;
        foreach (var l in multipliers) radius = Math.Max(radius, l.Magnitude);
        double residual = Residual(ev.Form, points[0], k);
        double border = double.PositiveInfinity;
        int unit = -1;
        var u = new double[Math.Max(1, ev.Form.S)];
        foreach (var p in points)
        {
            double d = ev.Form.BorderDistance(p, u, out int s);
            if (d < border) { border = d; unit = s; }
        }
        return new Cycle(k, new Itinerary(canonical, w), points, multipliers, radius,
            StabilityRules.Classify(multipliers), residual, border, unit);
    }

    /// <summary>‖F^k(z) − z‖∞ with the true map.</summary>
    public static double Residual(Models.ReluForm form, double[] z1, int k)
    {
        int m = form.M;
        var a = (double[])z1.Clone();
        var b = new double[m];
        var pattern = new ulong[form.Words];
        var u = new double[Math.Max(1, form.S)];
        for (int j = 0; j < k; j++)
        {
            form.Step(a, b, pattern, u);
            (a, b) = (b, a);
        }
        double r = 0;
        for (int i = 0; i < m; i++) r = Math.Max(r, Math.Abs(a[i] - z1[i]));
        return r;
    }

    /// <summary>
    /// True unless some proper divisor p of k has z_{j+p} = z_j for all j (within a relative
    /// tolerance): the explicit minimal-period check the reference lacks.
    /// </summary>
    public static bool HasMinimalPeriod(double[][] points)
    {
        int k = points.Length;
        double scale = Cycle.MaxAbs(points);
        double tol = Cycle.PointTolerance * (1 + scale);
        for (int p = 1; p < k; p++)
        {
            if (k % p != 0) continue;
            bool same = true;
            for (int j = 0; j < k && same; j++)
            {
                var a = points[j];
                var b = points[(j + p) % k];
                for (int i = 0; i < a.Length; i++)
                    if (Math.Abs(a[i] - b[i]) > tol) { same = false; break; }
            }
            if (same) return false;
        }
        return true;
    }

    /// <summary>
    /// Classifies a singular itinerary: "continuum" when (I − P) z = c is consistent (a whole affine
    /// set solves the cycle equation), "no-solution" when it is not (the object has run off to
    /// infinity: the parameter sits on a degenerate transcritical bifurcation).
    /// </summary>
    public static DegenerateItinerary ClassifySingular(CandidateEvaluator ev, ReadOnlySpan<ulong> itinerary, int k)
    {
        int m = ev.Form.M, w = ev.Form.Words;
        int shift = Rotation.MinimalShift(itinerary.Slice(0, k * w), w);
        var canonical = new ulong[k * w];
        Rotation.Rotate(itinerary.Slice(0, k * w), w, shift, canonical);
        ev.Accumulate(canonical, k);
        var p = ev.Product.ToArray();
        var a = Matrix<double>.Build.Dense(m, m, (i, j) => (i == j ? 1.0 : 0.0) - p[i * m + j]);
        var c = Vector<double>.Build.Dense(ev.Offset.ToArray());
        string kind = "no-solution";
        if (a.ForAll(double.IsFinite) && c.ForAll(double.IsFinite))
        {
            var svd = a.Svd(true);
            double smax = svd.S.Count > 0 ? svd.S[0] : 0;
            // Least-squares solution through the pseudo-inverse, dropping the null directions.
            var utc = svd.U.TransposeThisAndMultiply(c);
            var y = Vector<double>.Build.Dense(m);
            for (int i = 0; i < m; i++)
                if (svd.S[i] > CycleSolver.SingularTolerance * Math.Max(smax, 1e-300)) y[i] = utc[i] / svd.S[i];
            var z = svd.VT.TransposeThisAndMultiply(y);
            double res = (a * z - c).InfinityNorm();
            if (res <= 1e-8 * (1 + c.InfinityNorm() + a.InfinityNorm() * z.InfinityNorm())) kind = "continuum";
        }
        return new DegenerateItinerary(k, new Itinerary(canonical, w), kind);
    }

    private static double[][] Rows(ReadOnlySpan<double> flat, int k, int m)
    {
        var rows = new double[k][];
        for (int j = 0; j < k; j++) rows[j] = flat.Slice(j * m, m).ToArray();
        return rows;
    }
}
