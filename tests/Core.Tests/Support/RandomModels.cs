using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Tests.Support;

/// <summary>
/// Random small models of every family, scaled so that their linear pieces have spectral radii
/// around 1: the regime where fixed points and several cycles coexist.
/// </summary>
public static class RandomModels
{
    public static readonly string[] Families = ["plrnn", "shplrnn", "clipped-shplrnn", "alrnn"];

    public static ReluModel Create(string family, int index)
    {
        var rng = new Xoshiro256(0xC0FFEE, (ulong)Array.IndexOf(Families, family), (ulong)index);
        switch (family)
        {
            case "plrnn":
            {
                int m = 1 + rng.NextInt(4);
                // Every third model has a full A (the finder accepts non-diagonal A).
                var a = index % 3 == 0
                    ? ParameterArray.Matrix("A", Rows(ref rng, m, m, 0.6 / Math.Sqrt(m)))
                    : ParameterArray.Vector("A", Uniform(ref rng, m, -0.9, 0.9));
                var w = ParameterArray.Matrix("W", Rows(ref rng, m, m, 1.2 / Math.Sqrt(m)));
                return new Plrnn(a, w, ParameterArray.Vector("h", Gaussian(ref rng, m, 1.0)));
            }
            case "alrnn":
            {
                int m = 2 + rng.NextInt(3);
                int p = 1 + rng.NextInt(m);
                var a = ParameterArray.Vector("A", Uniform(ref rng, m, -0.9, 0.9));
                var w = ParameterArray.Matrix("W", Rows(ref rng, m, m, 1.2 / Math.Sqrt(m)));
                return new Alrnn(a, w, ParameterArray.Vector("h", Gaussian(ref rng, m, 1.0)), p);
            }
            default:
            {
                int m = 1 + rng.NextInt(3);
                int l = family == "shplrnn" ? m + rng.NextInt(3) : 1 + rng.NextInt(3);
                var a = ParameterArray.Vector("A", Uniform(ref rng, m, -0.9, 0.9));
                var w1 = ParameterArray.Matrix("W1", Rows(ref rng, m, l, 1.5 / Math.Sqrt(l)));
                var w2 = ParameterArray.Matrix("W2", Rows(ref rng, l, m, 1.0));
                var h1 = ParameterArray.Vector("h1", Gaussian(ref rng, m, 0.5));
                var h2 = ParameterArray.Vector("h2", Gaussian(ref rng, l, 1.0));
                return family == "shplrnn" ? new ShallowPlrnn(a, w1, w2, h1, h2) : new ClippedShallowPlrnn(a, w1, w2, h1, h2);
            }
        }
    }

    private static double[][] Rows(ref Xoshiro256 rng, int r, int c, double sigma)
    {
        var rows = new double[r][];
        for (int i = 0; i < r; i++) rows[i] = Gaussian(ref rng, c, sigma);
        return rows;
    }

    private static double[] Gaussian(ref Xoshiro256 rng, int n, double sigma)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = sigma * rng.NextGaussian();
        return v;
    }

    private static double[] Uniform(ref Xoshiro256 rng, int n, double lo, double hi)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.NextDouble();
        return v;
    }
}
