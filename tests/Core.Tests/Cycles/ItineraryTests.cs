using Scyfi.Core.Cycles;
using Xunit;

namespace Scyfi.Core.Tests.Cycles;

/// <summary>Canonical rotations and necklace enumeration: the identity of a cycle.</summary>
public class ItineraryTests
{
    [Fact]
    public void Canonical_rotation_is_the_lexicographically_smallest()
    {
        var it = Itinerary.FromCodes(3, 1, 1, 3, 1);
        Assert.Equal(Itinerary.FromCodes(1, 1, 3, 1, 3), it.Canonical());
        Assert.Equal(it.Canonical(), Itinerary.FromCodes(1, 3, 1, 3, 1).Canonical());
    }

    [Fact]
    public void Multi_word_patterns_compare_as_big_integers()
    {
        // Two patterns of two words: the high word decides.
        var it = new Itinerary([0UL, 2UL, 5UL, 1UL], 2);
        var c = it.Canonical();
        Assert.Equal(new ulong[] { 5UL, 1UL, 0UL, 2UL }, c.Codes.ToArray());
    }

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(2, 4, 6)]
    [InlineData(2, 6, 14)]
    [InlineData(2, 10, 108)]
    [InlineData(4, 3, 24)]
    [InlineData(3, 4, 24)]
    public void Necklace_counts_match_the_formula(int n, int k, int expected)
    {
        int count = 0;
        var seen = new HashSet<string>();
        Necklaces.ForEach(n, k, a =>
        {
            count++;
            var codes = a.Select(x => (ulong)x).ToArray();
            Assert.True(Rotation.IsCanonical(codes, 1));
            Assert.True(seen.Add(string.Join(",", a)));
            return true;
        });
        Assert.Equal(expected, count);
    }

    [Fact]
    public void Period_of_a_repeated_itinerary()
    {
        Assert.Equal(2, Rotation.Period([1, 3, 1, 3, 1, 3], 1));
        Assert.Equal(6, Rotation.Period([1, 3, 1, 3, 1, 1], 1));
    }
}
