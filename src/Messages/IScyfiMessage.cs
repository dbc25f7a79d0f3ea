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
}

/// <summary>Entity ids of tile workers.</summary>
public static class TileIds
{
    /// <summary>"sweepId/tile": one persistent entity per tile of a sweep.</summary>
    public static string EntityId(string sweepId, int tile) => $"{sweepId}/{tile}";
}
