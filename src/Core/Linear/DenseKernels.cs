using System.Runtime.CompilerServices;

namespace Scyfi.Core.Linear;

/// <summary>Allocation-free dense kernels on row-major spans, with unrolled paths for M = 1, 2.</summary>
internal static class DenseKernels
{
    /// <summary>P ← J·P and c ← J·c + cj (one step of the cycle-equation accumulation), using tmp (M×M + M).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(int m, ReadOnlySpan<double> j, ReadOnlySpan<double> cj, Span<double> p, Span<double> c, Span<double> tmp)
    {
        if (m == 2)
        {
            double j00 = j[0], j01 = j[1], j10 = j[2], j11 = j[3];
            double p00 = p[0], p01 = p[1], p10 = p[2], p11 = p[3];
            p[0] = j00 * p00 + j01 * p10;
            p[1] = j00 * p01 + j01 * p11;
            p[2] = j10 * p00 + j11 * p10;
            p[3] = j10 * p01 + j11 * p11;
            double c0 = c[0], c1 = c[1];
            c[0] = j00 * c0 + j01 * c1 + cj[0];
            c[1] = j10 * c0 + j11 * c1 + cj[1];
            return;
        }
        if (m == 1)
        {
            p[0] *= j[0];
            c[0] = j[0] * c[0] + cj[0];
            return;
        }
        // tmp = J P (i-k-j loop order streams rows of P).
        tmp.Slice(0, m * m).Clear();
        for (int i = 0; i < m; i++)
        {
            Span<double> trow = tmp.Slice(i * m, m);
            ReadOnlySpan<double> jrow = j.Slice(i * m, m);
            for (int k = 0; k < m; k++)
            {
                double a = jrow[k];
                if (a != 0) VectorOps.Axpy(a, p.Slice(k * m, m), trow);
            }
        }
        tmp.Slice(0, m * m).CopyTo(p);
        Span<double> cn = tmp.Slice(m * m, m);
        for (int i = 0; i < m; i++) cn[i] = cj[i] + VectorOps.Dot(j.Slice(i * m, m), c);
        cn.CopyTo(c);
    }

    /// <summary>Sets p to the identity and c to zero.</summary>
    public static void Reset(int m, Span<double> p, Span<double> c)
    {
        p.Slice(0, m * m).Clear();
        for (int i = 0; i < m; i++) p[i * m + i] = 1.0;
        c.Slice(0, m).Clear();
    }

    /// <summary>True when every entry is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) return false;
        return true;
    }

    /// <summary>max_i |x_i|.</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        for (int i = 0; i < x.Length; i++) m = Math.Max(m, Math.Abs(x[i]));
        return m;
    }
}
