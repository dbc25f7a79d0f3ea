using Scyfi.Core.Randomness;
using Scyfi.Core.Regions;
using Xunit;

namespace Scyfi.Core.Tests.Regions;

/// <summary>
/// A worker thread's copy of a region pool (copied when small, shared when large) draws the same
/// patterns as the original: the finder's results cannot depend on which of the two it got.
/// </summary>
public sealed class RegionAlphabetCopyTests
{
    [Theory]
    [InlineData(100, 70)]                                   // 2 words per pattern, 140 words: copied
    [InlineData(RegionAlphabet.CopiedPoolWords, 70)]        // 8 192 words: shared
    [InlineData(3 * RegionAlphabet.CopiedPoolWords, 300)]   // 5 words per pattern: shared
    public void A_copy_for_a_thread_holds_and_draws_the_same_patterns(int patterns, int switchingUnits)
    {
        var rng = new Xoshiro256(7, 1);
        int words = (switchingUnits + 63) / 64;
        var pool = Enumerable.Range(0, patterns).Select(_ =>
        {
            var p = new ulong[words];
            for (int w = 0; w < words; w++) p[w] = rng.NextUInt64();
            if (switchingUnits % 64 != 0) p[^1] &= (1UL << (switchingUnits % 64)) - 1;
            return p;
        });
        var original = RegionAlphabet.Pool(switchingUnits, pool, exact: false);
        var copy = original.CopyForThread();

        Assert.Equal(original.Size, copy.Size);
        Assert.Equal(original.IsExact, copy.IsExact);
        Span<ulong> a = stackalloc ulong[words], b = stackalloc ulong[words];
        for (int i = 0; i < original.CountIfSmall; i++)
        {
            original.Get(i, a);
            copy.Get(i, b);
            Assert.True(a.SequenceEqual(b), $"pattern {i} differs");
        }
        var r1 = new Xoshiro256(3, 9);
        var r2 = new Xoshiro256(3, 9);
        for (int n = 0; n < 1000; n++)
        {
            original.Random(ref r1, a);
            copy.Random(ref r2, b);
            Assert.True(a.SequenceEqual(b), $"draw {n} differs");
        }
    }
}
