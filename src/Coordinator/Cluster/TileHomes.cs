using Akka.Actor;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// Which worker node computes which shard's tiles, as far as the coordinator has seen: learned
/// from the sender of each tile's answer, without asking sharding for its state (a round trip to
/// every region). A shard stays where it is until its node leaves or the shards are rebalanced;
/// then the next answers correct the map. The coordinator uses it to keep at most
/// <see cref="SweepState.MaxInFlightPerNode"/> tiles in flight on each node. A total bound alone
/// (nodes × per node) let the tiles in flight drift onto one node, since sharding routes a tile
/// by the hash of its id: the other node then ran out of tiles and idled while the first one's
/// queue was full (bench/results/cluster-profile.md §17).
/// </summary>
internal sealed class TileHomes
{
    private readonly TileExtractor _extractor = new();
    private readonly Dictionary<string, Address> _shardHome = [];
    private HashSet<Address> _workers = [];

    /// <summary>How many worker members are up (the coordinator's bound in total is this many times the bound per node).</summary>
    public int WorkerNodes => _workers.Count;

    /// <summary>The worker members now up; a home on any other node is forgotten (its shards move).</summary>
    public void SetWorkers(IEnumerable<Address> workers)
    {
        _workers = workers.ToHashSet();
        foreach (var shard in _shardHome.Where(kv => !_workers.Contains(kv.Value)).Select(kv => kv.Key).ToList())
            _shardHome.Remove(shard);
    }

    /// <summary>Records that <paramref name="from"/> answered for a tile (a local actor's address stands for <paramref name="self"/>).</summary>
    public void Learn(string sweepId, int tile, Address from, Address self)
    {
        var node = from.HasLocalScope ? self : from;
        if (_workers.Contains(node)) _shardHome[ShardOf(sweepId, tile)] = node;
    }

    /// <summary>The node that computes the tile's shard, or null when not known (not yet allocated, or not seen).</summary>
    public Address? HomeOf(string sweepId, int tile) =>
        _shardHome.Count > 0 && _shardHome.TryGetValue(ShardOf(sweepId, tile), out var node) ? node : null;

    // The shard sharding routes the tile's messages to: the same extractor as the shard regions.
    private string ShardOf(string sweepId, int tile) => _extractor.ShardId(TileIds.EntityId(sweepId, tile));
}
