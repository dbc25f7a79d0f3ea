using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Regions;

/// <summary>
/// The set of region patterns itineraries are drawn from: either all 2^S patterns (PLRNN, ALRNN,
/// whose regions are orthants) or an explicit pool of realisable patterns (shPLRNN and clipped
/// shPLRNN, where most of the 2^L patterns are empty). Pool patterns are sorted as big integers,
/// so the order of pool indices is the order of region codes and a necklace over indices is the
/// canonical (rotation-minimal) itinerary over codes.
/// </summary>
public sealed class RegionAlphabet
{
    private readonly ulong[]? _pool;
    private readonly ulong _lastWordMask;

    private RegionAlphabet(int switchingUnits, ulong[]? pool, bool exact)
    {
        SwitchingUnits = switchingUnits;
        Words = Math.Max(1, (switchingUnits + 63) / 64);
        _pool = pool;
        IsExact = exact;
        int rem = switchingUnits % 64;
        _lastWordMask = switchingUnits == 0 ? 0 : rem == 0 ? ulong.MaxValue : (1UL << rem) - 1;
    }

    /// <summary>All 2^S patterns.</summary>
    public static RegionAlphabet All(int switchingUnits) => new(switchingUnits, null, true);

    /// <summary>An explicit pool (words per pattern = ⌈S/64⌉, at least 1); sorted and deduplicated here.</summary>
    public static RegionAlphabet Pool(int switchingUnits, IEnumerable<ulong[]> patterns, bool exact)
    {
        int words = Math.Max(1, (switchingUnits + 63) / 64);
        var sorted = patterns.Distinct(PatternComparer.Instance).OrderBy(p => p, PatternComparer.Instance).ToList();
        var flat = new ulong[sorted.Count * words];
        for (int i = 0; i < sorted.Count; i++) sorted[i].AsSpan(0, words).CopyTo(flat.AsSpan(i * words, words));
        return new RegionAlphabet(switchingUnits, flat, exact);
    }

    /// <summary>The alphabet a model's itineraries are drawn from (a pool is built for shPLRNNs).</summary>
    public static RegionAlphabet For(ReluModel model, ulong seed = 0) =>
        model.EveryPatternRealisable ? All(model.SwitchingUnits) : RealisableRegions.Pool(model.Form, seed);

    /// <summary>Pools up to this many words are copied for each worker thread; larger ones are shared.</summary>
    public const int CopiedPoolWords = 4096;

    /// <summary>
    /// A private copy for one worker thread: the alphabet is read at every random restart, and a
    /// shared instance sits next to objects other threads write (false sharing of cache lines).
    /// A pool larger than <see cref="CopiedPoolWords"/> is shared instead (it is never written):
    /// of its many cache lines only the first and the last can hold another object, and a shPLRNN
    /// with hundreds of hidden units has a pool of megabytes, which a sweep copied at every grid
    /// point (one finder call each) — a third of the sweep's time on a 10×300 shPLRNN, in copies and
    /// the garbage collections they caused (bench/results/cluster-profile.md §12). A finder running on
    /// one thread (a sweep's, once per grid point) copies nothing and reads the alphabet it is given,
    /// which the sweep's threads share: only reads, at the cost of at most two cache lines shared
    /// with written objects, against a copy per point (§15).
    /// </summary>
    public RegionAlphabet CopyForThread() =>
        new(SwitchingUnits, _pool is { Length: <= CopiedPoolWords } small ? (ulong[])small.Clone() : _pool, IsExact);

    /// <summary>S.</summary>
    public int SwitchingUnits { get; }
    /// <summary>Words per pattern.</summary>
    public int Words { get; }
    /// <summary>True for the full 2^S alphabet.</summary>
    public bool IsAllPatterns => _pool is null;
    /// <summary>True when the alphabet provably contains every realisable region (exhaustive search is then complete).</summary>
    public bool IsExact { get; }

    /// <summary>Number of patterns (as a double: 2^S can exceed any integer type).</summary>
    public double Size => _pool is null ? Math.Pow(2, SwitchingUnits) : _pool.Length / Words;

    /// <summary>Number of patterns when it fits an int (pool, or 2^S with S ≤ 30), else -1.</summary>
    public int CountIfSmall => _pool is not null ? _pool.Length / Words : SwitchingUnits <= 30 ? 1 << SwitchingUnits : -1;

    /// <summary>Writes pattern number <paramref name="index"/> (index order = code order).</summary>
    public void Get(int index, Span<ulong> pattern)
    {
        if (_pool is null)
        {
            pattern.Slice(0, Words).Clear();
            pattern[0] = (ulong)(uint)index;
        }
        else _pool.AsSpan(index * Words, Words).CopyTo(pattern);
    }

    /// <summary>Draws a pattern: independent fair bits, or a uniform pool member.</summary>
    public void Random(ref Xoshiro256 rng, Span<ulong> pattern)
    {
        if (_pool is null)
        {
            for (int w = 0; w < Words; w++) pattern[w] = rng.NextUInt64();
            pattern[Words - 1] &= _lastWordMask;
        }
        else
        {
            int n = _pool.Length / Words;
            _pool.AsSpan(rng.NextInt(n) * Words, Words).CopyTo(pattern);
        }
    }

    /// <summary>Pool patterns (empty for the full alphabet).</summary>
    public IEnumerable<ulong[]> Patterns()
    {
        if (_pool is null) yield break;
        for (int i = 0; i < _pool.Length / Words; i++) yield return _pool.AsSpan(i * Words, Words).ToArray();
    }
}

/// <summary>Orders patterns as unsigned big integers (most significant word last in the array).</summary>
public sealed class PatternComparer : IComparer<ulong[]>, IEqualityComparer<ulong[]>
{
    /// <summary>Shared instance.</summary>
    public static readonly PatternComparer Instance = new();

    /// <summary>Compares two patterns of equal length.</summary>
    public static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int w = a.Length - 1; w >= 0; w--)
        {
            if (a[w] != b[w]) return a[w] < b[w] ? -1 : 1;
        }
        return 0;
    }

    /// <inheritdoc/>
    public int Compare(ulong[]? x, ulong[]? y) => Compare(x.AsSpan(), y.AsSpan());
    /// <inheritdoc/>
    public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y.AsSpan());
    /// <inheritdoc/>
    public int GetHashCode(ulong[] obj)
    {
        var h = new HashCode();
        foreach (var w in obj) h.Add(w);
        return h.ToHashCode();
    }
}
