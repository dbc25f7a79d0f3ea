namespace Scyfi.Core.Cycles;

/// <summary>
/// Enumerates necklaces: sequences of length k over {0..n−1} that are the lexicographically
/// smallest of their rotations, one per rotation class, in lexicographic order
/// (Fredricksen–Kessler–Maiorana, constant amortised time per necklace).
/// </summary>
public static class Necklaces
{
    /// <summary>Approximate number of necklaces, n^k / k (exact count is within a small factor).</summary>
    public static double Estimate(double n, int k) => Math.Pow(n, k) / k;

    /// <summary>
    /// Calls <paramref name="visit"/> with each necklace (the span is reused; copy what you keep).
    /// Returns early when visit returns false.
    /// </summary>
    public static void ForEach(int n, int k, Func<int[], bool> visit)
    {
        var a = new int[k + 1];
        var view = new int[k];
        // a[1..k] is the current pre-necklace; it is a necklace when k is a multiple of its period p.
        if (!Emit(a, view, k, visit)) return;
        if (n <= 1) return;
        while (true)
        {
            int i = k;
            while (i > 0 && a[i] == n - 1) i--;
            if (i == 0) return;
            a[i]++;
            for (int j = i + 1; j <= k; j++) a[j] = a[j - i];
            if (k % i == 0 && !Emit(a, view, k, visit)) return;
        }
    }

    private static bool Emit(int[] a, int[] view, int k, Func<int[], bool> visit)
    {
        Array.Copy(a, 1, view, 0, k);
        return visit(view);
    }
}
