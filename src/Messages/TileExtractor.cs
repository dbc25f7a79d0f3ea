using System.Globalization;
using Akka.Cluster.Sharding;

namespace Scyfi.Messages;

/// <summary>
/// Routes tile messages to shards. A tile the coordinator placed carries its shard in its entity
/// id ("sweep/tile@shard"): the coordinator chooses a shard on a node with room, so that every
/// worker node has tiles until the sweep runs out (a hash spread a sweep's tiles over the nodes
/// unevenly, and the node with fewer ran dry first). Tiles of sweeps submitted before placement
/// existed ("sweep/tile") go by the hash of their id, as they always did, so that a tile entity
/// remembered by sharding starts in the shard it was in. The shard count must never change once
/// state is persisted (remembered entities live in their shards): about ten per worker node of
/// the largest cluster you plan to run.
/// </summary>
public sealed class TileExtractor() : HashCodeMessageExtractor(MaxShards)
{
    /// <summary>Number of shards.</summary>
    public const int MaxShards = 100;

    /// <inheritdoc/>
    public override string EntityId(object message) => message switch
    {
        ITileMessage t => TileIds.EntityId(t.SweepId, t.Tile, t.Shard),
        _ => throw new ArgumentException($"not a tile message: {message.GetType().Name}", nameof(message)),
    };

    /// <inheritdoc/>
    public override string ShardId(string entityId, object? messageHint = null)
    {
        int placed = TileIds.PlacedShard(entityId);
        return placed >= 0 ? (placed % MaxShards).ToString(CultureInfo.InvariantCulture) : base.ShardId(entityId, messageHint);
    }
}
