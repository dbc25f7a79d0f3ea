using MathNet.Numerics.LinearAlgebra;
using Scyfi.Core.Cycles;
using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Bench;

/// <summary>Models and itineraries the benchmarks run on (all deterministic).</summary>
public static class BenchModels
{
    /// <summary>Repository root (the folder holding Scyfi.sln), found upwards from the working directory or the binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The 2-D PLRNN whose attractor is a 53-cycle (examples/k53.json).</summary>
    public static string K53Path => Path.Combine(Root, "examples", "k53.json");

    /// <summary>The 10-D reference case.</summary>
    public static string Plrnn10dPath => Path.Combine(Root, "tests", "data", "cases", "plrnn10d_k10.json");

    /// <summary>Loads a model file.</summary>
    public static ReluModel Load(string path) => ModelFile.Load(path);

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.GetEnvironmentVariable("SCYFI_ROOT"), Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Scyfi.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (Scyfi.sln); set SCYFI_ROOT");
    }

    /// <summary>
    /// A random M-dimensional PLRNN with spectral radius of A + W equal to 1: A = diag(U(0.5, 0.9)),
    /// W with N(0, 1) off-diagonal entries (zero diagonal, as trained models have) scaled so that
    /// ρ(A + W) = 1, h ~ N(0, 1). Returned as (A diagonal, W row-major, h).
    /// </summary>
    public static (double[] A, double[] W, double[] H) RandomPlrnn(int m, ulong seed)
    {
        var rng = new Xoshiro256(seed, (ulong)m);
        var a = new double[m];
        for (int i = 0; i < m; i++) a[i] = 0.5 + 0.4 * rng.NextDouble();
        var w = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                if (i != j) w[i * m + j] = rng.NextGaussian();
        var h = new double[m];
        for (int i = 0; i < m; i++) h[i] = rng.NextGaussian();
        // Bisection on the scale of W: ρ(A + sW) is continuous in s, ρ(A) < 1 at s = 0.
        double lo = 0, hi = 1;
        while (SpectralRadius(m, a, w, hi) < 1) hi *= 2;
        for (int it = 0; it < 60; it++)
        {
            double mid = (lo + hi) / 2;
            if (SpectralRadius(m, a, w, mid) < 1) lo = mid; else hi = mid;
        }
        for (int q = 0; q < w.Length; q++) w[q] *= lo;
        return (a, w, h);
    }

    private static double SpectralRadius(int m, double[] a, double[] w, double s)
    {
        var mat = Matrix<double>.Build.Dense(m, m, (i, j) => (i == j ? a[i] : 0) + s * w[i * m + j]);
        return mat.Evd().EigenValues.Max(e => e.Magnitude);
    }

    /// <summary>The random PLRNN as a Scyfi model.</summary>
    public static Plrnn RandomModel(int m, ulong seed)
    {
        var (a, w, h) = RandomPlrnn(m, seed);
        return new Plrnn(ParameterArray.Vector("A", a), new ParameterArray("W", m, m, false, w), ParameterArray.Vector("h", h));
    }

    /// <summary>
    /// A fixed random itinerary of order k (one 64-bit code per region, M ≤ 64) whose cycle equation
    /// is solvable and finite, so that evaluating it runs the whole pipeline (product, solve, orbit
    /// of the true map, region comparison).
    /// </summary>
    public static ulong[] SolvableItinerary(ReluModel model, int k, ulong seed)
    {
        int m = model.Dimension;
        ulong mask = m >= 64 ? ulong.MaxValue : (1UL << m) - 1;
        var ev = new CandidateEvaluator(model.Form);
        ev.EnsureCapacity(k);
        var rng = new Xoshiro256(seed, (ulong)k, 12345);
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            var codes = new ulong[k];
            for (int j = 0; j < k; j++) codes[j] = rng.NextUInt64() & mask;
            var outcome = ev.Evaluate(codes, k);
            if (outcome is CandidateOutcome.Virtual or CandidateOutcome.Real) return codes;
        }
        throw new InvalidOperationException($"no solvable itinerary of order {k} for M = {m}");
    }
}
