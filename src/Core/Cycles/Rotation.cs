using Scyfi.Core.Regions;

namespace Scyfi.Core.Cycles;

/// <summary>Rotations of region sequences (flat spans of k patterns of w words each).</summary>
public static class Rotation
{
    /// <summary>
    /// Shift s such that rotating left by s gives the lexicographically smallest rotation (the
    /// first such s). O(k²·w) worst case, which is fine: it runs only on real cycles.
    /// </summary>
    public static int MinimalShift(ReadOnlySpan<ulong> codes, int words)
    {
        int k = codes.Length / words;
        int best = 0;
        for (int s = 1; s < k; s++)
        {
            if (CompareRotations(codes, words, s, best) < 0) best = s;
        }
        return best;
    }

    /// <summary>True when the sequence already equals its smallest rotation.</summary>
    public static bool IsCanonical(ReadOnlySpan<ulong> codes, int words)
    {
        int k = codes.Length / words;
        for (int s = 1; s < k; s++)
            if (CompareRotations(codes, words, s, 0) < 0) return false;
        return true;
    }

    /// <summary>dst = codes rotated left by <paramref name="shift"/> patterns.</summary>
    public static void Rotate(ReadOnlySpan<ulong> codes, int words, int shift, Span<ulong> dst)
    {
        int n = codes.Length, off = shift * words;
        codes.Slice(off).CopyTo(dst);
        codes.Slice(0, off).CopyTo(dst.Slice(n - off));
    }

    /// <summary>Smallest p dividing k with codes[j] = codes[j+p] for all j (the itinerary's own period).</summary>
    public static int Period(ReadOnlySpan<ulong> codes, int words)
    {
        int k = codes.Length / words;
        for (int p = 1; p < k; p++)
        {
            if (k % p != 0) continue;
            if (codes.Slice(p * words).SequenceEqual(codes.Slice(0, (k - p) * words))) return p;
        }
        return k;
    }

    private static int CompareRotations(ReadOnlySpan<ulong> codes, int words, int a, int b)
    {
        int k = codes.Length / words;
        for (int j = 0; j < k; j++)
        {
            int ia = (a + j) % k, ib = (b + j) % k;
            int c = PatternComparer.Compare(codes.Slice(ia * words, words), codes.Slice(ib * words, words));
            if (c != 0) return c;
        }
        return 0;
    }
}
