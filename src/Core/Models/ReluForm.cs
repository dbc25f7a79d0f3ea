using Scyfi.Core.Linear;

namespace Scyfi.Core.Models;

/// <summary>
/// The canonical form every supported ReLU RNN reduces to:
/// <c>F(z) = L z + Σ_s v_s relu(G_s·z + g_s) + b</c>, with S switching units u_s(z) = G_s·z + g_s.
/// Inside a region d ∈ {0,1}^S the map is affine: <c>J_d = L + Σ_{d_s=1} v_s G_sᵀ</c>,
/// <c>c_d = b + Σ_{d_s=1} v_s g_s</c>. PLRNN, shPLRNN, clipped shPLRNN and ALRNN only differ in how
/// they fill L, V, G, g and b (science.md §1), so the finder has one hot path for all of them.
/// Arrays are row-major; this type is immutable after construction and shared between threads.
/// </summary>
public sealed class ReluForm
{
    /// <summary>State dimension M.</summary>
    public int M { get; }
    /// <summary>Number of switching units S.</summary>
    public int S { get; }
    /// <summary>Number of 64-bit words of a region pattern (at least 1).</summary>
    public int Words { get; }

    internal readonly double[] L;     // M×M
    internal readonly double[] Vt;    // S×M: row s is the column v_s of V
    internal readonly double[] G;     // S×M
    internal readonly double[] Goff;  // S
    internal readonly double[] B;     // M
    /// <summary>Selector[s] = j when G_s is the unit vector e_j (PLRNN, ALRNN), else -1.</summary>
    internal readonly int[] Selector;
    internal readonly bool AllSelectors;
    /// <summary>‖G_s‖₂, to turn |u_s| into a Euclidean distance to the switching hyperplane.</summary>
    internal readonly double[] GNorm;

    /// <summary>Builds the form; arrays are copied.</summary>
    public ReluForm(int m, int s, double[] l, double[] v, double[] g, double[] goff, double[] b)
    {
        M = m;
        S = s;
        Words = Math.Max(1, (s + 63) / 64);
        L = (double[])l.Clone();
        Vt = new double[s * m];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < s; k++)
                Vt[k * m + i] = v[i * s + k];
        G = (double[])g.Clone();
        Goff = (double[])goff.Clone();
        B = (double[])b.Clone();
        Selector = new int[s];
        GNorm = new double[s];
        bool all = true;
        for (int k = 0; k < s; k++)
        {
            int sel = -1, nonzero = 0;
            double norm = 0;
            for (int j = 0; j < m; j++)
            {
                double x = G[k * m + j];
                norm += x * x;
                if (x != 0) { nonzero++; sel = x == 1.0 ? j : -2; }
            }
            GNorm[k] = Math.Sqrt(norm);
            Selector[k] = nonzero == 1 && sel >= 0 ? sel : -1;
            if (Selector[k] < 0) all = false;
        }
        AllSelectors = all;
    }

    /// <summary>The same map with other switching offsets g (used to perturb an arrangement into general position).</summary>
    internal ReluForm WithSwitchOffsets(double[] goff)
    {
        var v = new double[M * S];
        for (int k = 0; k < S; k++)
            for (int i = 0; i < M; i++)
                v[i * S + k] = Vt[k * M + i];
        return new ReluForm(M, S, L, v, G, goff, B);
    }

    /// <summary>Switching pre-activations u = G z + g.</summary>
    public void PreActivations(ReadOnlySpan<double> z, Span<double> u)
    {
        int m = M;
        for (int k = 0; k < S; k++)
        {
            int sel = Selector[k];
            if (sel >= 0) { u[k] = z[sel] + Goff[k]; continue; }
            u[k] = Goff[k] + VectorOps.Dot(G.AsSpan(k * m, m), z.Slice(0, m));
        }
    }

    /// <summary>Region pattern of a state: bit s set iff u_s(z) &gt; 0 (strict).</summary>
    public void Region(ReadOnlySpan<double> z, Span<ulong> pattern, Span<double> uScratch)
    {
        PreActivations(z, uScratch);
        PatternFromPreActivations(uScratch, pattern);
    }

    internal void PatternFromPreActivations(ReadOnlySpan<double> u, Span<ulong> pattern)
    {
        pattern.Slice(0, Words).Clear();
        for (int k = 0; k < S; k++)
            if (u[k] > 0) pattern[k >> 6] |= 1UL << (k & 63);
    }

    /// <summary>
    /// One step of the true map, F(z), also returning the region z lies in (computed from the
    /// same pre-activations, so the region test and the step never disagree).
    /// </summary>
    public void Step(ReadOnlySpan<double> z, Span<double> next, Span<ulong> pattern, Span<double> u)
    {
        int m = M;
        PreActivations(z, u);
        PatternFromPreActivations(u, pattern);
        for (int i = 0; i < m; i++) next[i] = B[i] + VectorOps.Dot(L.AsSpan(i * m, m), z.Slice(0, m));
        for (int k = 0; k < S; k++)
        {
            double r = u[k];
            if (r > 0) VectorOps.Axpy(r, Vt.AsSpan(k * m, m), next.Slice(0, m));
        }
    }

    /// <summary>The affine map (J, c) of a region: F(z) = J z + c for z inside it.</summary>
    public void Affine(ReadOnlySpan<ulong> pattern, Span<double> j, Span<double> c)
    {
        int m = M;
        L.AsSpan().CopyTo(j);
        B.AsSpan().CopyTo(c);
        for (int k = 0; k < S; k++)
        {
            if ((pattern[k >> 6] & (1UL << (k & 63))) == 0) continue;
            ReadOnlySpan<double> v = Vt.AsSpan(k * m, m);
            int sel = Selector[k];
            if (sel >= 0)
            {
                for (int i = 0; i < m; i++) j[i * m + sel] += v[i];
            }
            else
            {
                ReadOnlySpan<double> grow = G.AsSpan(k * m, m);
                for (int i = 0; i < m; i++)
                    if (v[i] != 0) VectorOps.Axpy(v[i], grow, j.Slice(i * m, m));
            }
            double go = Goff[k];
            if (go != 0)
                for (int i = 0; i < m; i++) c[i] += v[i] * go;
        }
    }

    /// <summary>Smallest Euclidean distance of z to any switching hyperplane (∞ if S = 0).</summary>
    public double BorderDistance(ReadOnlySpan<double> z, Span<double> u, out int unit)
    {
        PreActivations(z, u);
        double best = double.PositiveInfinity;
        unit = -1;
        for (int k = 0; k < S; k++)
        {
            if (GNorm[k] == 0) continue;
            double d = Math.Abs(u[k]) / GNorm[k];
            if (d < best) { best = d; unit = k; }
        }
        return best;
    }
}
