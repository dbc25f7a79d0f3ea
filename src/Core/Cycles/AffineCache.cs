using Scyfi.Core.Models;

namespace Scyfi.Core.Cycles;

/// <summary>
/// The (J, c) of every region of an orthant model with few switching units, indexed by region
/// code. Built once per search and shared read-only by all worker threads. Only worth it while
/// small: for larger M forming J on the fly costs little next to the M³ product.
/// </summary>
public sealed class AffineCache
{
    /// <summary>Largest S for which all 2^S regions are precomputed.</summary>
    public const int MaxBits = 12;
    /// <summary>Largest cache, in doubles (256 KB).</summary>
    public const int MaxDoubles = 1 << 15;

    private AffineCache(double[] j, double[] c)
    {
        J = j;
        C = c;
    }

    /// <summary>J of region r at r·M², row-major.</summary>
    internal double[] J { get; }
    /// <summary>c of region r at r·M.</summary>
    internal double[] C { get; }

    /// <summary>
    /// A private copy for one worker thread. Sharing one copy is correct but slow: the arrays sit
    /// next to objects other threads write (locks, bookkeeping), and the false sharing of cache
    /// lines costs more than copying a few kilobytes.
    /// </summary>
    public AffineCache CopyForThread() => new((double[])J.Clone(), (double[])C.Clone());

    /// <summary>The cache for a form, or null when it would be too large to pay off.</summary>
    public static AffineCache? For(ReluForm form)
    {
        int m = form.M, mm = m * m;
        if (form.S > MaxBits || (1L << form.S) * (mm + m) > MaxDoubles) return null;
        int n = 1 << form.S;
        var j = new double[n * mm];
        var c = new double[n * m];
        Span<ulong> pattern = stackalloc ulong[form.Words];
        for (int r = 0; r < n; r++)
        {
            pattern.Clear();
            pattern[0] = (ulong)r;
            form.Affine(pattern, j.AsSpan(r * mm, mm), c.AsSpan(r * m, m));
        }
        return new AffineCache(j, c);
    }
}
