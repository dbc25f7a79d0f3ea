using System.Collections.Concurrent;
using System.Diagnostics;
using Scyfi.Core.Models;
using Scyfi.Core.Regions;

namespace Scyfi.Core.Cycles;

/// <summary>
/// Ground truth: solves the cycle equation for every itinerary that is its own smallest rotation
/// (one per rotation class), over all 2^S patterns or the pool of realisable regions. Complete
/// for isolated cycles when the region alphabet is exact. Refuses when the number of sequences
/// exceeds <see cref="FinderOptions.ExhaustiveLimit"/>.
/// </summary>
public static class ExhaustiveFinder
{
    private const int BatchSize = 2048;

    /// <summary>Enumerates every itinerary of the requested orders.</summary>
    public static FindResult Find(ReluModel model, FinderOptions options, IProgress<FindProgress>? progress = null, CancellationToken ct = default)
    {
        FinderValidation.Check(options);
        var sw = Stopwatch.StartNew();
        var alphabet = options.Alphabet ?? RegionAlphabet.For(model, options.Seed);
        int n = alphabet.CountIfSmall;
        foreach (int k in options.Orders)
        {
            double count = n < 0 ? double.PositiveInfinity : Necklaces.Estimate(n, k);
            if (count > options.ExhaustiveLimit)
                throw new ScyfiInputException(
                    $"exhaustive search at order {k} needs about {count:G3} region sequences ({alphabet.Size:G4} regions^{k}/{k}), more than the limit {options.ExhaustiveLimit:G3}; lower the order or use the heuristic");
        }

        int threads = Math.Max(1, options.Threads);
        var cache = AffineCache.For(model.Form);
        var cycles = new ConcurrentDictionary<Itinerary, Cycle>();
        var degenerate = new ConcurrentDictionary<Itinerary, DegenerateItinerary>();
        var perOrder = new Dictionary<int, long>();
        long total = 0;
        int w = alphabet.Words;

        for (int oi = 0; oi < options.Orders.Count; oi++)
        {
            int k = options.Orders[oi];
            using var queue = new BlockingCollection<int[]>(boundedCapacity: 4 * threads);
            long orderCandidates = 0;
            var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
            {
                var ev = new CandidateEvaluator(model.Form, cache);
                ev.EnsureCapacity(k);
                var itinerary = new ulong[k * w];
                foreach (var batch in queue.GetConsumingEnumerable(ct))
                {
                    for (int b = 0; b + k <= batch.Length; b += k)
                    {
                        for (int j = 0; j < k; j++) alphabet.Get(batch[b + j], itinerary.AsSpan(j * w, w));
                        var outcome = ev.Evaluate(itinerary, k);
                        if (outcome == CandidateOutcome.Real && ev.OrbitHasMinimalPeriod(k))
                        {
                            var c = CycleBuilder.FromRealCandidate(ev, itinerary, k);
                            if (c is not null) cycles.TryAdd(c.Itinerary, c);
                        }
                        else if (outcome == CandidateOutcome.Singular)
                        {
                            var d = CycleBuilder.ClassifySingular(ev, itinerary, k);
                            degenerate.TryAdd(d.Itinerary, d);
                        }
                    }
                    if (ct.IsCancellationRequested) break;
                }
                Interlocked.Add(ref orderCandidates, ev.Candidates);
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

            try
            {
                var batch = new List<int>(BatchSize * k);
                Necklaces.ForEach(n, k, necklace =>
                {
                    batch.AddRange(necklace);
                    if (batch.Count >= BatchSize * k)
                    {
                        queue.Add(batch.ToArray(), ct);
                        batch.Clear();
                    }
                    return !ct.IsCancellationRequested;
                });
                if (batch.Count > 0) queue.Add(batch.ToArray(), ct);
            }
            finally
            {
                queue.CompleteAdding();
                try { Task.WaitAll(workers); }
                catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException)) { }
            }
            ct.ThrowIfCancellationRequested();
            perOrder[k] = orderCandidates;
            total += orderCandidates;
            progress?.Report(new FindProgress(oi + 1, options.Orders.Count, total, cycles.Count));
        }

        var sorted = cycles.Values.OrderBy(c => c.Order).ThenBy(c => c.Itinerary).ToList();
        var degen = degenerate.Values.OrderBy(d => d.Order).ThenBy(d => d.Itinerary).ToList();
        var stats = new FindStats("exhaustive", total, perOrder, sw.Elapsed.TotalSeconds, threads, options.Seed, alphabet.Size, alphabet.IsExact);
        return new FindResult(options.Orders, sorted, degen, stats);
    }
}
