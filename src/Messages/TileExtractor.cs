using Akka.Cluster.Sharding;

namespace Scyfi.Messages;

/// <summary>
/// Routes tile messages to shards by the hash of their entity id. The shard count must never
/// change once state is persisted (remembered entities live in their shards): about ten per
/// worker node of the largest cluster you plan to run.
/// </summary>
public sealed class TileExtractor() : HashCodeMessageExtractor(MaxShards)
{
    /// <summary>Number of shards.</summary>
    public const int MaxShards = 100;

    /// <inheritdoc/>
    public override string EntityId(object message) => message switch
    {
        ITileMessage t => TileIds.EntityId(t.SweepId, t.Tile),
        _ => throw new ArgumentException($"not a tile message: {message.GetType().Name}", nameof(message)),
    };
}
