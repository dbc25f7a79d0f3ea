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
/// </summary>
public sealed class TileAnalyzers(int capacity = 4)
{
    private readonly LinkedList<Entry> _recent = new(); // most recently used first
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
            while (_recent.Count > capacity) _recent.RemoveLast();
            return entry;
        }
    }
}
