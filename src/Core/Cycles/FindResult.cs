namespace Scyfi.Core.Cycles;

/// <summary>Everything a search found.</summary>
/// <param name="Orders">Orders searched.</param>
/// <param name="Cycles">Real cycles, sorted by order then canonical itinerary.</param>
/// <param name="Degenerate">Itineraries with a singular cycle equation, sorted likewise.</param>
/// <param name="Stats">What it cost.</param>
public sealed record FindResult(IReadOnlyList<int> Orders, IReadOnlyList<Cycle> Cycles, IReadOnlyList<DegenerateItinerary> Degenerate, FindStats Stats)
{
    /// <summary>Number of cycles of order k.</summary>
    public int Count(int k) => Cycles.Count(c => c.Order == k);
}

/// <summary>Cost and settings of a search.</summary>
/// <param name="Mode">"heuristic" or "exhaustive".</param>
/// <param name="Candidates">Candidate itineraries solved (all threads, including speculative work).</param>
/// <param name="CandidatesPerOrder">Candidates per order.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Regions">Size of the region alphabet (2^S or the pool size).</param>
/// <param name="RegionsExact">False when the pool of realisable regions was only sampled.</param>
public sealed record FindStats(string Mode, long Candidates, IReadOnlyDictionary<int, long> CandidatesPerOrder, double Seconds, int Threads, ulong Seed, double Regions, bool RegionsExact);

/// <summary>Progress of a running search.</summary>
/// <param name="OrdersDone">Orders finished.</param>
/// <param name="OrdersTotal">Orders requested.</param>
/// <param name="Candidates">Candidates solved so far.</param>
/// <param name="Objects">Cycles found so far.</param>
public readonly record struct FindProgress(int OrdersDone, int OrdersTotal, long Candidates, int Objects);
