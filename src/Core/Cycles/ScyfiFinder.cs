using System.Diagnostics;
using Scyfi.Core.Models;
using Scyfi.Core.Regions;

namespace Scyfi.Core.Cycles;

/// <summary>
/// The SCYFI heuristic over several orders on all cores. Orders are independent (the explicit
/// minimal-period check replaces the reference's lower-order membership test), and within an
/// order the outer iterations are independent random streams; a scheduler hands (order,
/// iteration) pairs to worker threads and merges results in iteration order. The search of an
/// order ends after N_out outer iterations beyond the last one that found something new, exactly
/// as in the sequential reference, so results are identical for any thread count.
/// </summary>
public static class ScyfiFinder
{
    /// <summary>Finds cycles of the requested orders.</summary>
    public static FindResult Find(ReluModel model, FinderOptions options, IProgress<FindProgress>? progress = null, CancellationToken ct = default)
    {
        FinderValidation.Check(options);
        var sw = Stopwatch.StartNew();
        var alphabet = options.Alphabet ?? RegionAlphabet.For(model, options.Seed);
        var searches = options.Orders.Select(k =>
        {
            var (o, i) = options.LoopsFor(k, alphabet.Size);
            return new OrderSearch(k, o, i);
        }).ToArray();

        var cache = AffineCache.For(model.Form);
        int threads = Math.Max(1, options.Threads);
        // On one thread (a sweep calls the finder once per grid point, from its own threads) the
        // warm start and the search share one evaluator, and nothing is copied against false
        // sharing: a dozen arrays less per point.
        var single = threads == 1 ? new CandidateEvaluator(model.Form, cache) : null;
        if (options.WarmStart.Count > 0) WarmStart(model, options, searches, single ?? new CandidateEvaluator(model.Form, cache));

        var gate = new object();
        Exception? failure = null;
        int ordersDone = searches.Count(s => s.Done);
        int waiting = 0;
        long candidates = 0;

        void Worker()
        {
            var evaluator = single ?? new CandidateEvaluator(model.Form, cache?.CopyForThread());
            var iteration = new HeuristicIteration(evaluator, single is null ? alphabet.CopyForThread() : alphabet);
            var claimed = new List<(int Index, IterationOutcome Outcome)>();
            while (true)
            {
                OrderSearch? search = null;
                claimed.Clear();
                lock (gate)
                {
                    while (true)
                    {
                        if (failure is not null || ct.IsCancellationRequested) return;
                        // Highest order first: it takes longest, so starting it early shortens the tail.
                        for (int q = searches.Length - 1; q >= 0; q--)
                        {
                            var s = searches[q];
                            if (s.Done || s.NextIssue > s.End) continue;
                            search = s;
                            // Claim a few consecutive iterations at once when there is plenty to do:
                            // fewer trips through the lock, same results (merging is by index).
                            int available = s.End - s.NextIssue + 1;
                            int chunk = Math.Clamp(available / (2 * threads), 1, 4);
                            for (int c = 0; c < chunk; c++) claimed.Add((s.NextIssue++, default));
                            break;
                        }
                        if (search is not null) break;
                        if (ordersDone == searches.Length) return;
                        waiting++;
                        Monitor.Wait(gate);
                        waiting--;
                    }
                }
                try
                {
                    for (int c = 0; c < claimed.Count; c++)
                        claimed[c] = (claimed[c].Index, iteration.Run(search.K, search.Inner, options.Seed, claimed[c].Index, search.KnownBefore, ct));
                }
                catch (Exception e)
                {
                    lock (gate) { failure ??= e; Monitor.PulseAll(gate); }
                    return;
                }
                FindProgress snapshot = default;
                lock (gate)
                {
                    bool wasDone = search.Done;
                    foreach (var (index, outcome) in claimed)
                    {
                        search.Complete(index, outcome);
                        candidates += outcome.Candidates;
                    }
                    if (!wasDone && search.Done) ordersDone++;
                    if (progress is not null) snapshot = new FindProgress(ordersDone, searches.Length, candidates, searches.Sum(s => s.Known.Count));
                    // Completing iterations can open new work (a find extends the order) or end the search.
                    if (waiting > 0) Monitor.PulseAll(gate);
                }
                progress?.Report(snapshot);
            }
        }

        if (threads == 1)
        {
            // Sweeps call the finder once per grid point from their own worker threads: no thread
            // creation per call.
            Worker();
        }
        else
        {
            var pool = Enumerable.Range(0, threads).Select(_ => new Thread(Worker) { IsBackground = true, Name = "scyfi-finder" }).ToArray();
            foreach (var t in pool) t.Start();
            foreach (var t in pool) t.Join();
        }
        if (failure is OperationCanceledException || ct.IsCancellationRequested) throw new OperationCanceledException(ct);
        if (failure is not null) throw new InvalidOperationException("cycle search failed: " + failure.Message, failure);

        var cycles = searches.SelectMany(s => s.Known.Values).OrderBy(c => c.Order).ThenBy(c => c.Itinerary).ToList();
        var degenerate = searches.SelectMany(s => s.Singular.Values).OrderBy(d => d.Order).ThenBy(d => d.Itinerary).ToList();
        var perOrder = searches.ToDictionary(s => s.K, s => s.Candidates);
        var stats = new FindStats("heuristic", perOrder.Values.Sum(), perOrder, sw.Elapsed.TotalSeconds, threads, options.Seed, alphabet.Size, alphabet.IsExact);
        return new FindResult(options.Orders, cycles, degenerate, stats);
    }

    private static void WarmStart(ReluModel model, FinderOptions options, OrderSearch[] searches, CandidateEvaluator evaluator)
    {
        for (int i = 0; i < options.WarmStart.Count; i++)
        {
            var itinerary = options.WarmStart[i];
            var search = Array.Find(searches, s => s.K == itinerary.Order);
            if (search is null || itinerary.Words != model.Form.Words) continue;
            evaluator.EnsureCapacity(itinerary.Order);
            var outcome = evaluator.Evaluate(itinerary.Codes, itinerary.Order);
            search.Candidates++;
            if (outcome == CandidateOutcome.Real)
            {
                var cycle = CycleBuilder.FromRealCandidate(evaluator, itinerary.Codes, itinerary.Order);
                if (cycle is not null && search.Known.TryAdd(cycle.Itinerary, cycle)) search.KnownBefore.Add(cycle.Itinerary);
            }
            else if (outcome == CandidateOutcome.Singular)
            {
                var d = CycleBuilder.ClassifySingular(evaluator, itinerary.Codes, itinerary.Order);
                search.Singular.TryAdd(d.Itinerary, d);
            }
        }
    }

    /// <summary>Search state of one order: which iterations are issued, merged, and what is known.</summary>
    private sealed class OrderSearch(int k, int outer, int inner)
    {
        // Iterations finished ahead of the merge point. Made only when one is: on one thread (a
        // sweep's finder) iterations finish in order and are merged at once.
        private Dictionary<int, IterationOutcome>? _pending;
        public int K { get; } = k;
        public int Outer { get; } = outer;
        public int Inner { get; } = inner;
        public int NextIssue { get; set; }
        public int Prefix { get; private set; }
        public int LastNew { get; private set; } = -1;
        public long Candidates { get; set; }
        public Dictionary<Itinerary, Cycle> Known { get; } = [];
        /// <summary>Itineraries known before the heuristic started (warm start); fixed during the search.</summary>
        public List<Itinerary> KnownBefore { get; } = [];
        public Dictionary<Itinerary, DegenerateItinerary> Singular { get; } = [];

        /// <summary>Index of the last outer iteration the reference would run.</summary>
        public int End => Math.Max(LastNew, 0) + Outer;
        public bool Done => Prefix > End;

        public void Complete(int index, IterationOutcome outcome)
        {
            Candidates += outcome.Candidates;
            if (Done) return;   // nothing merges after the end (and nothing is pending then)
            if (index == Prefix) Merge(outcome);
            else (_pending ??= [])[index] = outcome;
            while (!Done && _pending is { Count: > 0 } && _pending.Remove(Prefix, out var r)) Merge(r);
            if (Done) _pending?.Clear();
        }

        /// <summary>Merges the outcome of iteration <see cref="Prefix"/>, in iteration order.</summary>
        private void Merge(IterationOutcome r)
        {
            bool anyNew = false;
            foreach (var f in r.Finds)
                if (Known.TryAdd(f.Itinerary, f)) anyNew = true;
            foreach (var s in r.Singular) Singular.TryAdd(s.Itinerary, s);
            if (anyNew) LastNew = Prefix;
            Prefix++;
        }
    }
}
