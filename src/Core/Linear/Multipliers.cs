using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Scyfi.Core.Linear;

/// <summary>Eigenvalues (Floquet multipliers) of a cycle's Jacobian product.</summary>
public static class Multipliers
{
    /// <summary>
    /// Eigenvalues of the M×M row-major matrix p, sorted by decreasing modulus (then by real and
    /// imaginary part) so the output is deterministic. Closed forms for M ≤ 2, MathNet otherwise.
    /// </summary>
    public static Complex[] Of(int m, ReadOnlySpan<double> p)
    {
        Complex[] ev;
        if (m == 1) ev = [new Complex(p[0], 0)];
        else if (m == 2)
        {
            double tr = p[0] + p[3], det = p[0] * p[3] - p[1] * p[2];
            double disc = tr * tr / 4 - det;
            if (disc >= 0)
            {
                double s = Math.Sqrt(disc);
                // Avoid cancellation: compute the larger root first, the other from the determinant.
                double big = tr / 2 + (tr >= 0 ? s : -s);
                double small = big != 0 ? det / big : tr / 2 - (tr >= 0 ? s : -s);
                ev = [new Complex(big, 0), new Complex(small, 0)];
            }
            else
            {
                double s = Math.Sqrt(-disc);
                ev = [new Complex(tr / 2, s), new Complex(tr / 2, -s)];
            }
        }
        else
        {
            var mat = Matrix<double>.Build.Dense(m, m);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    mat[i, j] = p[i * m + j];
            ev = mat.Evd().EigenValues.ToArray();
            // Real eigenvalues of a real matrix come back with round-off imaginary parts: clean them.
            for (int i = 0; i < ev.Length; i++)
                if (Math.Abs(ev[i].Imaginary) <= 1e-14 * Math.Max(1.0, ev[i].Magnitude)) ev[i] = new Complex(ev[i].Real, 0);
        }
        Array.Sort(ev, (a, b) =>
        {
            int c = b.Magnitude.CompareTo(a.Magnitude);
            if (c != 0 && Math.Abs(a.Magnitude - b.Magnitude) > 1e-12 * Math.Max(1, a.Magnitude)) return c;
            c = b.Real.CompareTo(a.Real);
            return c != 0 ? c : b.Imaginary.CompareTo(a.Imaginary);
        });
        return ev;
    }
}
