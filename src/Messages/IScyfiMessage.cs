namespace Scyfi.Messages;

/// <summary>
/// Marker of everything Scyfi sends across the wire or writes to the journal: commands, replies,
/// events and snapshots. It is bound to <see cref="ScyfiJsonSerializer"/>, so no Scyfi type is ever
/// serialized by Akka's default (Newtonsoft) serializer.
/// </summary>
public interface IScyfiMessage;

/// <summary>A message for one tile worker, routed by sharding on its entity id.</summary>
public interface ITileMessage : IScyfiMessage
{
    /// <summary>Sweep the tile belongs to.</summary>
    string SweepId { get; }
    /// <summary>Tile number within the sweep.</summary>
    int Tile { get; }
    /// <summary>The shard the coordinator placed the tile in, or -1 for the shard its entity id hashes to.</summary>
    int Shard { get; }
}

/// <summary>Entity ids of tile workers.</summary>
public static class TileIds
{
    /// <summary>
    /// One persistent entity per tile of a sweep: "sweepId/tile@shard" for a tile the coordinator
    /// placed in a shard, "sweepId/tile" (<paramref name="shard"/> -1) for a tile of a sweep
    /// submitted before placement existed, whose shard is the hash of this id.
    /// </summary>
    public static string EntityId(string sweepId, int tile, int shard = -1) =>
        shard < 0 ? $"{sweepId}/{tile}" : $"{sweepId}/{tile}@{shard}";

    /// <summary>The shard written in a placed tile's entity id, or -1 if it has none.</summary>
    public static int PlacedShard(string entityId)
    {
        int slash = entityId.LastIndexOf('/');
        int at = entityId.LastIndexOf('@');
        return at > slash && int.TryParse(entityId.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int shard)
            ? shard : -1;
    }
}
