using Akka.Actor;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// Which worker node holds which shard, and how many tiles each node should have in flight, as far
/// as the coordinator has seen: learned from the sender of each tile's answers (a tile answers when
/// it is assigned, when asked again, and when finished) and from what they say (the node's compute
/// slots, the seconds the tile took), without asking sharding for its state (a round trip to every
/// region). A shard stays where it is until its node leaves or the shards are rebalanced; then the
/// next answers correct the map. The coordinator uses it to bound the tiles in flight on each node,
/// and to place a new tile in a shard of a node that has room (<see cref="TileDispatch"/>).
/// </summary>
internal sealed class TileHomes
{
    private readonly TileExtractor _extractor = new();
    private readonly Dictionary<int, Address> _shardHome = [];
    private readonly Dictionary<Address, int> _nextOnNode = [];
    private readonly Dictionary<Address, int> _slots = [];
    private List<Address> _workers = [];

    /// <summary>The worker members now up, in address order.</summary>
    public IReadOnlyList<Address> Workers => _workers;

    /// <summary>The worker members now up; a home on any other node is forgotten (its shards move).</summary>
    public void SetWorkers(IEnumerable<Address> workers)
    {
        _workers = workers.Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        foreach (int shard in _shardHome.Where(kv => !_workers.Contains(kv.Value)).Select(kv => kv.Key).ToList())
            _shardHome.Remove(shard);
        foreach (var node in _slots.Keys.Where(n => !_workers.Contains(n)).ToList())
            _slots.Remove(node);
    }

    /// <summary>The worker node an answer came from (a local actor's address stands for <paramref name="self"/>), or null if it is not an up worker.</summary>
    public Address? NodeOf(Address from, Address self)
    {
        var node = from.HasLocalScope ? self : from;
        return _workers.Contains(node) ? node : null;
    }

    /// <summary>Records a node's compute slots, as a tile's answer said them (0: not said).</summary>
    public void LearnSlots(Address node, int slots)
    {
        if (slots > 0 && _workers.Contains(node)) _slots[node] = slots;
    }

    /// <summary>The node's compute slots, or 0 if not known.</summary>
    public int SlotsOf(Address node) => _slots.GetValueOrDefault(node);

    /// <summary>Records that <paramref name="from"/> answered for a tile of <paramref name="shard"/> (a local actor's address stands for <paramref name="self"/>).</summary>
    public void Learn(int shard, Address from, Address self)
    {
        if (shard >= 0 && NodeOf(from, self) is { } node) _shardHome[shard] = node;
    }

    /// <summary>The node that holds <paramref name="shard"/>, or null when not known (not yet allocated, or not seen).</summary>
    public Address? HomeOf(int shard) => _shardHome.TryGetValue(shard, out var node) ? node : null;

    /// <summary>True when at least one shard of <paramref name="node"/> is known.</summary>
    public bool Knows(Address node) => _shardHome.ContainsValue(node);

    /// <summary>
    /// A shard known to be on <paramref name="node"/>, taking its known shards in turn (so that a
    /// sweep's tiles spread over the node's shards, which sharding rebalances by count).
    /// </summary>
    public int ShardOn(Address node)
    {
        var shards = _shardHome.Where(kv => kv.Value == node).Select(kv => kv.Key).Order().ToList();
        if (shards.Count == 0) return -1;
        int turn = _nextOnNode.GetValueOrDefault(node);
        _nextOnNode[node] = turn + 1;
        return shards[turn % shards.Count];
    }

    /// <summary>
    /// A shard whose node is not known, from <paramref name="start"/> on (modulo the shard count),
    /// or -1 if every shard's node is known. Sharding allocates a new shard to the node with the
    /// fewest, so consecutive tiles in new shards alternate between the nodes.
    /// </summary>
    public int UnseenShard(int start)
    {
        for (int i = 0; i < TileExtractor.MaxShards; i++)
        {
            int shard = (start + i) % TileExtractor.MaxShards;
            if (!_shardHome.ContainsKey(shard)) return shard;
        }
        return -1;
    }

    /// <summary>The shard a tile of a sweep submitted before placement existed goes to: the hash of its entity id.</summary>
    public int HashedShard(string sweepId, int tile) =>
        int.Parse(_extractor.ShardId(TileIds.EntityId(sweepId, tile)), System.Globalization.CultureInfo.InvariantCulture);
}
