using Scyfi.Core.Regions;

namespace Scyfi.Core.Cycles;

/// <summary>
/// The region sequence of a k-cycle (k patterns of <see cref="Words"/> words each), immutable,
/// with value equality. The identity of a cycle is its canonical (rotation-minimal) itinerary.
/// </summary>
public sealed class Itinerary : IEquatable<Itinerary>, IComparable<Itinerary>
{
    private readonly ulong[] _codes;
    private readonly int _hash;

    /// <summary>Wraps a flat array of k·words codes (not copied).</summary>
    public Itinerary(ulong[] codes, int words)
    {
        if (words < 1 || codes.Length % words != 0) throw new ArgumentException("codes length must be a multiple of words");
        _codes = codes;
        Words = words;
        var h = new HashCode();
        h.Add(codes.Length);
        foreach (var c in codes) h.Add(c);
        _hash = h.ToHashCode();
    }

    /// <summary>Copies the codes from a span.</summary>
    public static Itinerary Copy(ReadOnlySpan<ulong> codes, int words) => new(codes.ToArray(), words);

    /// <summary>Single-word patterns (S ≤ 64), e.g. region codes 0..3 of a 2D PLRNN.</summary>
    public static Itinerary FromCodes(params ulong[] codes) => new((ulong[])codes.Clone(), 1);

    /// <summary>Order k.</summary>
    public int Order => _codes.Length / Words;
    /// <summary>Words per pattern.</summary>
    public int Words { get; }
    /// <summary>All codes, k·Words.</summary>
    public ReadOnlySpan<ulong> Codes => _codes;
    /// <summary>Pattern of the j-th point.</summary>
    public ReadOnlySpan<ulong> Pattern(int j) => _codes.AsSpan(j * Words, Words);

    /// <summary>The itinerary rotated to its lexicographically smallest rotation.</summary>
    public Itinerary Canonical()
    {
        int shift = Rotation.MinimalShift(_codes, Words);
        if (shift == 0) return this;
        var rotated = new ulong[_codes.Length];
        Rotation.Rotate(_codes, Words, shift, rotated);
        return new Itinerary(rotated, Words);
    }

    /// <inheritdoc/>
    public bool Equals(Itinerary? other) =>
        other is not null && other.Words == Words && other._hash == _hash && other._codes.AsSpan().SequenceEqual(_codes);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Itinerary);
    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>Orders by length, then lexicographically by pattern (patterns compared as big integers).</summary>
    public int CompareTo(Itinerary? other)
    {
        if (other is null) return 1;
        int c = Order.CompareTo(other.Order);
        if (c != 0) return c;
        for (int j = 0; j < Order; j++)
        {
            c = PatternComparer.Compare(Pattern(j), other.Pattern(j));
            if (c != 0) return c;
        }
        return 0;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" ", Enumerable.Range(0, Order).Select(j => Words == 1 ? _codes[j].ToString() : string.Join(":", Pattern(j).ToArray())));
}
