using System.Runtime.InteropServices;
using Scyfi.Core.Randomness;
using Scyfi.Core.Regions;

namespace Scyfi.Core.Cycles;

/// <summary>
/// What one outer iteration of the heuristic produced. A struct, and its lists made on the first
/// find: most of the millions of outer iterations a sweep runs find nothing new to them, and an
/// object with two empty lists each was a tenth of everything a sweep allocated.
/// </summary>
internal struct IterationOutcome
{
    private List<Cycle>? _finds;
    private List<DegenerateItinerary>? _singular;

    public readonly ReadOnlySpan<Cycle> Finds => CollectionsMarshal.AsSpan(_finds);
    public readonly ReadOnlySpan<DegenerateItinerary> Singular => CollectionsMarshal.AsSpan(_singular);
    public long Candidates { get; set; }

    public void Add(Cycle cycle) => (_finds ??= []).Add(cycle);
    public void Add(DegenerateItinerary singular) => (_singular ??= []).Add(singular);
}

/// <summary>
/// One outer iteration of SCYFI for order k (science.md §3.1): a random itinerary, then up to N_in
/// candidates, jumping from each virtual solution to the regions it actually visited and
/// restarting at random after real or unusable ones. The iteration draws its random numbers from
/// a stream keyed by (seed, k, index), so its outcome does not depend on which thread runs it or
/// when. A cycle new to this iteration resets its inner counter, as in the reference.
/// <para>
/// One deliberate improvement over the reference: the jump map R → R' is a fixed-point iteration
/// on itineraries and often falls into a loop of virtual itineraries (R → R' → R …), where the
/// reference burns the rest of its inner budget. The last few itineraries of the current jump
/// chain are remembered (as hashes) and a revisit triggers a random restart instead.
/// </para>
/// </summary>
internal sealed class HeuristicIteration(CandidateEvaluator evaluator, RegionAlphabet alphabet)
{
    private const int ChainMemory = 32;
    private ulong[] _current = [];
    private readonly ulong[] _chain = new ulong[ChainMemory];
    private int _chainLength;

    /// <summary>
    /// Runs outer iteration <paramref name="index"/> of order k. Cycles in <paramref name="known"/>
    /// (canonical itineraries known before the search, e.g. from a warm start) are not new: finding
    /// them again neither records them nor resets the inner counter.
    /// </summary>
    public IterationOutcome Run(int k, int inner, ulong seed, int index, IReadOnlyList<Itinerary> known, CancellationToken ct)
    {
        int w = alphabet.Words;
        if (_current.Length < k * w) _current = new ulong[k * w];
        evaluator.EnsureCapacity(k);
        var rng = new Xoshiro256(seed, (ulong)k, (ulong)index);
        var outcome = new IterationOutcome();
        Span<ulong> r = _current.AsSpan(0, k * w);
        Randomise(ref rng, r, k, w);
        long start = evaluator.Candidates;
        int c = 0;
        while (c < inner)
        {
            c++;
            if ((evaluator.Candidates & 63) == 0) ct.ThrowIfCancellationRequested();
            switch (evaluator.Evaluate(r, k))
            {
                case CandidateOutcome.Virtual:
                    var visited = evaluator.Visited(k);
                    if (JumpLoops(Hash(visited)))
                    {
                        Randomise(ref rng, r, k, w);
                        break;
                    }
                    visited.CopyTo(r);
                    break;
                case CandidateOutcome.Real:
                    if (Record(r, k, ref outcome, known)) c = 0;
                    Randomise(ref rng, r, k, w);
                    break;
                case CandidateOutcome.Singular:
                    RecordSingular(r, k, ref outcome);
                    Randomise(ref rng, r, k, w);
                    break;
                default:
                    Randomise(ref rng, r, k, w);
                    break;
            }
        }
        outcome.Candidates = evaluator.Candidates - start;
        return outcome;
    }

    private bool Record(ReadOnlySpan<ulong> r, int k, ref IterationOutcome outcome, IReadOnlyList<Itinerary> known)
    {
        // A lower-order cycle traversed several times is found often (e.g. a fixed point at high
        // k): reject it before anything is allocated.
        if (!evaluator.OrbitHasMinimalPeriod(k)) return false;
        // Cheap pre-check on the canonical itinerary before building (allocating) the cycle.
        foreach (var f in outcome.Finds)
            if (SameNecklace(f.Itinerary, r, k)) return false;
        // By index: a foreach over the interface boxed an enumerator per real candidate.
        for (int i = 0; i < known.Count; i++)
            if (SameNecklace(known[i], r, k)) return false;
        var cycle = CycleBuilder.FromRealCandidate(evaluator, r, k);
        if (cycle is null) return false;
        outcome.Add(cycle);
        return true;
    }

    private void RecordSingular(ReadOnlySpan<ulong> r, int k, ref IterationOutcome outcome)
    {
        foreach (var s in outcome.Singular)
            if (SameNecklace(s.Itinerary, r, k)) return;
        outcome.Add(CycleBuilder.ClassifySingular(evaluator, r, k));
    }

    private static bool SameNecklace(Itinerary canonical, ReadOnlySpan<ulong> r, int k)
    {
        int w = canonical.Words;
        var codes = canonical.Codes;
        for (int s = 0; s < k; s++)
        {
            bool eq = true;
            for (int j = 0; j < k && eq; j++)
                eq = codes.Slice(j * w, w).SequenceEqual(r.Slice(((j + s) % k) * w, w));
            if (eq) return true;
        }
        return false;
    }

    /// <summary>Remembers the hash; true when the current jump chain has already visited it.</summary>
    private bool JumpLoops(ulong hash)
    {
        int n = Math.Min(_chainLength, ChainMemory);
        for (int i = 0; i < n; i++)
            if (_chain[i] == hash) return true;
        _chain[_chainLength % ChainMemory] = hash;
        _chainLength++;
        return false;
    }

    private static ulong Hash(ReadOnlySpan<ulong> codes)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (ulong c in codes) h = (h ^ c) * 0x100000001B3UL ^ (h >> 29);
        return h;
    }

    private void Randomise(ref Xoshiro256 rng, Span<ulong> r, int k, int w)
    {
        _chainLength = 0;
        for (int j = 0; j < k; j++) alphabet.Random(ref rng, r.Slice(j * w, w));
    }
}
