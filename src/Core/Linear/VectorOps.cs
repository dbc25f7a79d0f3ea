using System.Numerics;
using System.Runtime.CompilerServices;

namespace Scyfi.Core.Linear;

/// <summary>SIMD axpy and dot products for the dense kernels of larger M (M = 1, 2 have unrolled paths).</summary>
internal static class VectorOps
{
    /// <summary>y += a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0, n = x.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(y.Slice(i)) + va * new Vector<double>(x.Slice(i))).CopyTo(y.Slice(i));
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>x·y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int i = 0, n = x.Length;
        double acc = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var sum = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                sum += new Vector<double>(x.Slice(i)) * new Vector<double>(y.Slice(i));
            acc = Vector.Sum(sum);
        }
        for (; i < n; i++) acc += x[i] * y[i];
        return acc;
    }
}
