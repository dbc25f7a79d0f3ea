namespace Scyfi.Core.Linear;

/// <summary>Outcome of solving the cycle equation (I − P) z = c.</summary>
public enum SolveStatus
{
    /// <summary>A unique finite solution.</summary>
    Solved,
    /// <summary>I − P is singular to working precision: P has a multiplier at +1 (a degenerate case).</summary>
    Singular,
    /// <summary>P or c overflowed (very high orders of strongly expanding itineraries).</summary>
    NonFinite,
}

/// <summary>
/// Solves (I − P) z = c by LU with partial pivoting in caller-provided buffers (never forms an
/// inverse, never allocates). Singularity is judged relative to the size of I − P, so that the
/// threshold means the same for small and for huge products.
/// </summary>
internal static class CycleSolver
{
    /// <summary>Relative pivot size below which I − P counts as singular.</summary>
    public const double SingularTolerance = 1e-13;

    public static SolveStatus Solve(int m, ReadOnlySpan<double> p, ReadOnlySpan<double> c, Span<double> lu, Span<double> z)
    {
        if (m == 1)
        {
            double a = 1.0 - p[0];
            if (!double.IsFinite(a) || !double.IsFinite(c[0])) return SolveStatus.NonFinite;
            if (Math.Abs(a) <= SingularTolerance * Math.Max(1.0, Math.Abs(p[0]))) return SolveStatus.Singular;
            z[0] = c[0] / a;
            return double.IsFinite(z[0]) ? SolveStatus.Solved : SolveStatus.NonFinite;
        }
        if (m == 2)
        {
            double a00 = 1.0 - p[0], a01 = -p[1], a10 = -p[2], a11 = 1.0 - p[3];
            double b0 = c[0], b1 = c[1];
            double scale = Math.Max(Math.Max(Math.Abs(a00), Math.Abs(a01)), Math.Max(Math.Abs(a10), Math.Abs(a11)));
            if (!double.IsFinite(scale) || !double.IsFinite(b0) || !double.IsFinite(b1)) return SolveStatus.NonFinite;
            if (Math.Abs(a10) > Math.Abs(a00))
            {
                (a00, a10) = (a10, a00);
                (a01, a11) = (a11, a01);
                (b0, b1) = (b1, b0);
            }
            if (Math.Abs(a00) <= SingularTolerance * scale) return SolveStatus.Singular;
            double l = a10 / a00;
            double u11 = a11 - l * a01;
            if (Math.Abs(u11) <= SingularTolerance * scale) return SolveStatus.Singular;
            double y1 = b1 - l * b0;
            z[1] = y1 / u11;
            z[0] = (b0 - a01 * z[1]) / a00;
            return double.IsFinite(z[0]) && double.IsFinite(z[1]) ? SolveStatus.Solved : SolveStatus.NonFinite;
        }

        // General M: lu = I − P, then Doolittle with row pivoting, solving on the fly.
        double maxEntry = 0;
        for (int i = 0; i < m * m; i++)
        {
            double v = -p[i];
            lu[i] = v;
        }
        for (int i = 0; i < m; i++) lu[i * m + i] += 1.0;
        for (int i = 0; i < m * m; i++) maxEntry = Math.Max(maxEntry, Math.Abs(lu[i]));
        if (!double.IsFinite(maxEntry)) return SolveStatus.NonFinite;
        for (int i = 0; i < m; i++)
        {
            if (!double.IsFinite(c[i])) return SolveStatus.NonFinite;
            z[i] = c[i];
        }
        double threshold = SingularTolerance * maxEntry;
        for (int col = 0; col < m; col++)
        {
            int piv = col;
            double best = Math.Abs(lu[col * m + col]);
            for (int r = col + 1; r < m; r++)
            {
                double v = Math.Abs(lu[r * m + col]);
                if (v > best) { best = v; piv = r; }
            }
            if (best <= threshold) return SolveStatus.Singular;
            if (piv != col)
            {
                Span<double> rowA = lu.Slice(col * m, m), rowB = lu.Slice(piv * m, m);
                for (int q = 0; q < m; q++) (rowA[q], rowB[q]) = (rowB[q], rowA[q]);
                (z[col], z[piv]) = (z[piv], z[col]);
            }
            double d = lu[col * m + col];
            ReadOnlySpan<double> pivotRow = lu.Slice(col * m, m);
            for (int r = col + 1; r < m; r++)
            {
                double f = lu[r * m + col] / d;
                if (f == 0) continue;
                VectorOps.Axpy(-f, pivotRow.Slice(col + 1), lu.Slice(r * m + col + 1, m - col - 1));
                z[r] -= f * z[col];
            }
        }
        for (int r = m - 1; r >= 0; r--)
        {
            ReadOnlySpan<double> row = lu.Slice(r * m, m);
            z[r] = (z[r] - VectorOps.Dot(row.Slice(r + 1), z.Slice(r + 1, m - r - 1))) / row[r];
        }
        for (int i = 0; i < m; i++)
            if (!double.IsFinite(z[i])) return SolveStatus.NonFinite;
        return SolveStatus.Solved;
    }
}
