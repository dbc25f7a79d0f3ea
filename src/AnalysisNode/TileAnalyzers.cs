using Scyfi.Core.Sweeps;

namespace Scyfi.AnalysisNode;

/// <summary>
/// The parsed spec, grid and <see cref="PointAnalyzer"/> of the sweeps whose tiles this node
/// computes, shared by all their tiles, as the in-process engine shares one analyzer across its
/// tiles. An analyzer builds its region pool once (shPLRNN and clipped shPLRNN: the realisable
/// regions, sampled and enumerated from the model, a second or more for a few hundred hidden
/// units); built per tile, that cost 6× the engine's time on a 10×300 shPLRNN
/// (bench/results/cluster-profile.md §12). Keyed by the spec's JSON itself, so two sweeps share an
/// entry only when their specs are identical and a stale entry cannot be used for a changed spec.
/// A tile is told only its sweep's id (<see cref="ForSweep"/>): the spec is read from the sweep's
/// row in the store once per sweep and node, not carried by every tile's message.
/// </summary>
public sealed class TileAnalyzers(int capacity = 4)
{
    // Sweep ids remembered beyond this are forgotten all at once (their specs are read again).
    private const int MaxSweepIds = 256;
    private readonly LinkedList<Entry> _recent = new(); // most recently used first
    // Sweep id → its entry, for the entries still in _recent. A sweep's spec never changes (its
    // row is written once), so the id is as good a key as the JSON for the sweeps seen here.
    private readonly Dictionary<string, Entry> _bySweep = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>One sweep's spec, grid and analyzer.</summary>
    public sealed record Entry(string SpecJson, SweepSpec Spec, SweepGrid Grid, PointAnalyzer Analyzer);

    /// <summary>The entry of <paramref name="specJson"/>, parsed on first use (throws as <see cref="SweepSpec.Parse"/> does).</summary>
    public Entry For(string specJson)
    {
        lock (_lock)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (!string.Equals(node.Value.SpecJson, specJson, StringComparison.Ordinal)) continue;
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value;
            }
            var spec = SweepSpec.Parse(specJson);
            var entry = new Entry(specJson, spec, new SweepGrid(spec), new PointAnalyzer(spec));
            _recent.AddFirst(entry);
            // Tiles still computing with an evicted entry keep it until they finish.
            while (_recent.Count > capacity)
            {
                var evicted = _recent.Last!.Value;
                _recent.RemoveLast();
                foreach (var id in _bySweep.Where(kv => ReferenceEquals(kv.Value, evicted)).Select(kv => kv.Key).ToList()) _bySweep.Remove(id);
            }
            return entry;
        }
    }

    /// <summary>
    /// The entry of sweep <paramref name="sweepId"/>; on first use its spec comes from
    /// <paramref name="readSpec"/> (the store: null if it has no such sweep, which throws).
    /// </summary>
    public Entry ForSweep(string sweepId, Func<string, string?> readSpec)
    {
        lock (_lock)
        {
            // Entries leave _bySweep when they leave _recent (see For), so a known one is there.
            if (_bySweep.TryGetValue(sweepId, out var known) && NodeOf(known) is { } node)
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return known;
            }
        }
        // Read outside the lock: other tiles' look-ups need not wait for the store.
        string specJson = readSpec(sweepId) ?? throw new InvalidOperationException(
            $"the store has no sweep {sweepId}: does this node use the coordinator's store (--store)?");
        var entry = For(specJson);
        lock (_lock)
        {
            if (_bySweep.Count >= MaxSweepIds) _bySweep.Clear();
            if (NodeOf(entry) is not null) _bySweep[sweepId] = entry;
        }
        return entry;
    }

    // By reference: an entry is a record, and its value equality would compare whole specs.
    private LinkedListNode<Entry>? NodeOf(Entry entry)
    {
        for (var node = _recent.First; node is not null; node = node.Next)
            if (ReferenceEquals(node.Value, entry)) return node;
        return null;
    }
}
