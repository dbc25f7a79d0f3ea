using Scyfi.Core.Models;
using Scyfi.Core.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Scyfi.Core.Regions;

/// <summary>
/// Finds the region patterns that actually occur for a model whose switching units are general
/// hyperplanes (shPLRNN). Three sources, unioned: (1) every cell touching a vertex of the
/// hyperplane arrangement, found by stepping off each vertex into all 2^M local orthants of the M
/// planes through it — exact for arrangements in general position when the vertex count is
/// small enough to enumerate; (2) points sampled in a box around the vertices and far out in
/// random directions (unbounded cells without vertices); (3) states visited by simulated
/// trajectories (science.md §3.2).
/// </summary>
public static class RealisableRegions
{
    /// <summary>Most vertex subsets enumerated before falling back to sampling only.</summary>
    public const long MaxVertexSubsets = 200_000;

    /// <summary>Builds the pool for the form.</summary>
    public static RegionAlphabet Pool(ReluForm form, ulong seed = 0)
    {
        int m = form.M, s = form.S, words = form.Words;
        var found = new HashSet<ulong[]>(PatternComparer.Instance);
        var u = new double[s];
        var pattern = new ulong[words];
        void Add(ReadOnlySpan<double> z)
        {
            form.Region(z, pattern, u);
            if (!found.Contains(pattern)) found.Add((ulong[])pattern.Clone());
        }

        var planes = Enumerable.Range(0, s).Where(k => form.GNorm[k] > 0).ToArray();
        double radius = 10.0;
        bool exact = false;
        double subsets = Binomial(planes.Length, m);
        var z = new double[m];
        if (m <= 16 && subsets <= MaxVertexSubsets)
        {
            // Every cell of an arrangement whose normals span R^M has a vertex, so visiting all
            // simple vertices finds every cell.
            exact = planes.Length >= m;
            double maxVertex = 0;
            int vertices = 0;
            foreach (var subset in Subsets(planes, m))
            {
                var n = Matrix<double>.Build.Dense(m, m, (i, j) => form.G[subset[i] * m + j]);
                var lu = n.LU();
                if (Math.Abs(lu.Determinant) < 1e-12 * Math.Pow(subset.Select(k => form.GNorm[k]).Max(), m)) continue;
                var rhs = Vector<double>.Build.Dense(m, i => -form.Goff[subset[i]]);
                var v = lu.Solve(rhs);
                if (!v.All(double.IsFinite)) continue;
                maxVertex = Math.Max(maxVertex, v.AbsoluteMaximum());
                vertices++;
                // A vertex where more than M planes meet is not simple: stepping off it through one
                // subset may miss cells, so completeness is no longer guaranteed.
                for (int i = 0; i < m; i++) z[i] = v[i];
                form.PreActivations(z, u);
                int through = 0;
                foreach (int k in planes)
                    if (Math.Abs(u[k]) <= 1e-9 * form.GNorm[k] * (1 + v.AbsoluteMaximum())) through++;
                if (through > m) exact = false;
                // Step off the vertex into each of the 2^M local cells: n·d = σ for σ ∈ {±1}^M.
                var dirs = new Vector<double>[1 << m];
                double dmax = 0;
                for (int sig = 0; sig < 1 << m; sig++)
                {
                    var sigma = Vector<double>.Build.Dense(m, i => ((sig >> i) & 1) == 1 ? 1.0 : -1.0);
                    dirs[sig] = lu.Solve(sigma);
                    dmax = Math.Max(dmax, dirs[sig].L2Norm());
                }
                double eps = 1e-7 * (1 + v.AbsoluteMaximum()) / Math.Max(dmax, 1e-300);
                foreach (var d in dirs)
                {
                    for (int i = 0; i < m; i++) z[i] = v[i] + eps * d[i];
                    Add(z);
                }
            }
            if (vertices == 0) exact = false;
            radius = Math.Max(radius, 2 * maxVertex);
        }

        var rng = new Xoshiro256(seed, 0x5EED);
        int boxSamples = Math.Min(200_000, 20_000 * Math.Max(1, m));
        for (int n = 0; n < boxSamples; n++)
        {
            for (int i = 0; i < m; i++) z[i] = (2 * rng.NextDouble() - 1) * radius;
            Add(z);
        }
        // Far out in random directions: the unbounded cells, including those without a vertex.
        for (int n = 0; n < 4_000; n++)
        {
            double norm = 0;
            for (int i = 0; i < m; i++) { z[i] = rng.NextGaussian(); norm += z[i] * z[i]; }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) z[i] *= radius * 1e4 / norm;
            Add(z);
        }
        // Simulated trajectories: the regions the dynamics actually visits.
        var next = new double[m];
        for (int start = 0; start < 20; start++)
        {
            for (int i = 0; i < m; i++) z[i] = (2 * rng.NextDouble() - 1) * radius;
            for (int t = 0; t < 200; t++)
            {
                form.Step(z, next, pattern, u);
                if (!found.Contains(pattern)) found.Add((ulong[])pattern.Clone());
                if (!next.All(double.IsFinite) || next.Max(Math.Abs) > 1e8) break;
                next.AsSpan().CopyTo(z);
            }
        }
        return RegionAlphabet.Pool(s, found, exact);
    }

    private static double Binomial(int n, int k)
    {
        if (k > n) return 0;
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    private static IEnumerable<int[]> Subsets(int[] items, int k)
    {
        if (k > items.Length) yield break;
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return idx.Select(i => items[i]).ToArray();
            int p = k - 1;
            while (p >= 0 && idx[p] == items.Length - k + p) p--;
            if (p < 0) yield break;
            idx[p]++;
            for (int q = p + 1; q < k; q++) idx[q] = idx[q - 1] + 1;
        }
    }
}
