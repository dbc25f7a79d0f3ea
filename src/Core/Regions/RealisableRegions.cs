using MathNet.Numerics.LinearAlgebra;
using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Regions;

/// <summary>
/// Finds the region patterns that actually occur for a model whose switching units are general
/// hyperplanes (shPLRNN, clipped shPLRNN), science.md §3.2.
/// <para>
/// Exact part: the arrangement is reduced to the row space of its normals (r = rank G dimensions;
/// the orthogonal directions do not change any pattern). There every cell has a vertex, so
/// stepping off each vertex into the 2^r local orthants of the r planes through it meets every
/// cell. Where more than r planes meet in one point (always the case at the origin of a clipped
/// shPLRNN) the offsets are perturbed by a tiny random amount first: each original cell keeps a
/// perturbed counterpart, so the pattern set stays complete (a few extra patterns of
/// perturbation-sized slivers may join it, which only costs candidates).
/// </para>
/// <para>
/// Sampling part, always added and the only one when there are too many vertices: points in a
/// box around the vertices, far out in random directions, and along simulated trajectories.
/// </para>
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
        var u = new double[Math.Max(1, s)];
        var pattern = new ulong[words];
        void Add(ReluForm f, ReadOnlySpan<double> z)
        {
            f.Region(z, pattern, u);
            if (!found.Contains(pattern)) found.Add((ulong[])pattern.Clone());
        }

        var planes = Enumerable.Range(0, s).Where(k => form.GNorm[k] > 0).ToArray();
        double radius = 10.0;
        bool complete = false;
        if (planes.Length == 0)
        {
            complete = true;
        }
        else
        {
            var basis = RowSpace(form, planes, out int rank);
            if (Binomial(planes.Length, rank) <= MaxVertexSubsets && rank <= 16)
            {
                var vertices = new VertexStepper(form, planes, basis, rank);
                bool simple = vertices.Visit(form, z => Add(form, z));
                if (!simple)
                {
                    var rng0 = new Xoshiro256(seed, 0xD1CE);
                    double scale = 1 + form.Goff.Max(Math.Abs);
                    var perturbed = form.Goff.Select(g => g + 1e-7 * scale * (2 * rng0.NextDouble() - 1)).ToArray();
                    var pform = form.WithSwitchOffsets(perturbed);
                    new VertexStepper(pform, planes, basis, rank).Visit(pform, z => Add(pform, z));
                }
                complete = true;
                radius = Math.Max(radius, 2 * vertices.MaxVertexNorm);
            }
        }

        var rng = new Xoshiro256(seed, 0x5EED);
        var z = new double[m];
        int boxSamples = Math.Min(200_000, 20_000 * Math.Max(1, m));
        for (int n = 0; n < boxSamples; n++)
        {
            for (int i = 0; i < m; i++) z[i] = (2 * rng.NextDouble() - 1) * radius;
            Add(form, z);
        }
        // Far out in random directions: the unbounded cells.
        for (int n = 0; n < 4_000; n++)
        {
            double norm = 0;
            for (int i = 0; i < m; i++) { z[i] = rng.NextGaussian(); norm += z[i] * z[i]; }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) z[i] *= radius * 1e4 / norm;
            Add(form, z);
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
        return RegionAlphabet.Pool(s, found, complete);
    }

    /// <summary>Orthonormal basis (M×r) of the span of the plane normals.</summary>
    private static Matrix<double> RowSpace(ReluForm form, int[] planes, out int rank)
    {
        int m = form.M;
        var g = Matrix<double>.Build.Dense(planes.Length, m, (i, j) => form.G[planes[i] * m + j] / form.GNorm[planes[i]]);
        var svd = g.Svd(true);
        double smax = svd.S[0];
        rank = svd.S.Count(x => x > 1e-10 * smax);
        return svd.VT.SubMatrix(0, rank, 0, m).Transpose();
    }

    private static double Binomial(int n, int k)
    {
        if (k > n) return 0;
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    /// <summary>Enumerates vertices of the reduced arrangement and steps off each into its local orthants.</summary>
    private sealed class VertexStepper(ReluForm form, int[] planes, Matrix<double> basis, int rank)
    {
        public double MaxVertexNorm { get; private set; }

        /// <summary>Calls visit with points in every cell touching a vertex; false if some vertex is not simple.</summary>
        public bool Visit(ReluForm f, Action<double[]> visit)
        {
            int m = form.M;
            var reduced = Matrix<double>.Build.Dense(planes.Length, rank, (i, j) =>
            {
                double acc = 0;
                for (int q = 0; q < m; q++) acc += form.G[planes[i] * m + q] * basis[q, j];
                return acc;
            });
            bool simple = true;
            var z = new double[m];
            var u = new double[f.S];
            foreach (var subset in Subsets(planes.Length, rank))
            {
                var n = Matrix<double>.Build.Dense(rank, rank, (i, j) => reduced[subset[i], j]);
                var lu = n.LU();
                double norm = n.RowNorms(2).Maximum();
                if (Math.Abs(lu.Determinant) < 1e-12 * Math.Pow(norm, rank)) continue;
                var v = lu.Solve(Vector<double>.Build.Dense(rank, i => -f.Goff[planes[subset[i]]]));
                if (!v.All(double.IsFinite)) continue;
                var vz = basis * v;
                MaxVertexNorm = Math.Max(MaxVertexNorm, vz.AbsoluteMaximum());

                // A vertex where more than r planes meet is not simple.
                for (int i = 0; i < m; i++) z[i] = vz[i];
                f.PreActivations(z, u);
                int through = planes.Count(k => Math.Abs(u[k]) <= 1e-9 * f.GNorm[k] * (1 + vz.AbsoluteMaximum()));
                if (through > rank) simple = false;

                var dirs = new Vector<double>[1 << rank];
                double dmax = 0;
                for (int sig = 0; sig < 1 << rank; sig++)
                {
                    dirs[sig] = basis * lu.Solve(Vector<double>.Build.Dense(rank, i => ((sig >> i) & 1) == 1 ? 1.0 : -1.0));
                    dmax = Math.Max(dmax, dirs[sig].L2Norm());
                }
                double eps = 1e-9 * (1 + vz.AbsoluteMaximum()) / Math.Max(dmax, 1e-300);
                foreach (var d in dirs)
                {
                    for (int i = 0; i < m; i++) z[i] = vz[i] + eps * d[i];
                    visit(z);
                }
            }
            return simple;
        }

        private static IEnumerable<int[]> Subsets(int n, int k)
        {
            if (k > n || k == 0) yield break;
            var idx = Enumerable.Range(0, k).ToArray();
            while (true)
            {
                yield return (int[])idx.Clone();
                int p = k - 1;
                while (p >= 0 && idx[p] == n - k + p) p--;
                if (p < 0) yield break;
                idx[p]++;
                for (int q = p + 1; q < k; q++) idx[q] = idx[q - 1] + 1;
            }
        }
    }
}
