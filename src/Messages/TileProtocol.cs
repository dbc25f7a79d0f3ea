using Scyfi.Core.Sweeps;

namespace Scyfi.Messages;

/// <summary>
/// Coordinator → tile worker: analyse this tile of this sweep (idempotent; re-sent until answered).
/// It carries no spec: a node reads the sweep's spec from the sweep's row in the store (written
/// before any tile is sent) once per sweep. Carried in every tile's message, and in every re-send,
/// the model crossed the network per tile (130 kB for a shPLRNN with 300 hidden units, megabytes
/// for larger models).
/// </summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tile">Tile number.</param>
/// <param name="WarmStart">Objects of finished neighbouring tiles, solved directly at this tile's points (warm start across tiles).</param>
/// <param name="Shard">
/// The shard the coordinator placed the tile in (part of the entity's id, <see cref="TileIds.EntityId"/>);
/// -1 for a tile of a sweep submitted before placement existed, which goes by the hash of its id.
/// </param>
public sealed record AnalyzeTile(string SweepId, int Tile, PointObject[]? WarmStart, int Shard = -1) : ITileMessage;

/// <summary>
/// Tile worker → coordinator: the tile is assigned and being computed or waiting for a slot (the
/// answer to its first request, which tells the coordinator the node of the tile's shard, and to
/// every repeated one).
/// </summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tile">Tile number.</param>
/// <param name="PointsDone">Points of the tile in the store so far.</param>
/// <param name="Slots">Tiles the worker node computes at once (0: not said, as by earlier versions).</param>
public sealed record TileInProgress(string SweepId, int Tile, int PointsDone, int Slots = 0) : IScyfiMessage;

/// <summary>
/// Tile worker → coordinator: the tile is finished (sent again whenever the tile is asked again).
/// Its points are already in the result store: the worker writes them there itself, before it
/// journals completion and sends this, so a tile's results are not carried through the cluster.
/// </summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tile">Tile number.</param>
/// <param name="Points">How many points of the tile are in the store (all of them).</param>
/// <param name="Computations">How many times this tile's computation was started or resumed (1 without failures).</param>
/// <param name="Slots">Tiles the worker node computes at once (0: not said).</param>
/// <param name="ComputeSeconds">
/// How long the computation that just finished held its slot; 0 when the tile answers a repeated
/// request, or completed with nothing left to compute. The coordinator sizes each node's tiles in
/// flight by it.
/// </param>
public sealed record TileAnalyzed(string SweepId, int Tile, int Points, int Computations, int Slots = 0, double ComputeSeconds = 0) : IScyfiMessage;

/// <summary>Worker event: the tile was assigned, so that a restarted entity can resume alone.</summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tile">Tile number.</param>
/// <param name="SpecJson">
/// Null: a restarted entity reads the spec from the sweep's row in the store (the journal's own
/// database), instead of every tile's event carrying the whole model (130 kB per tile for a shPLRNN
/// with 300 hidden units). Earlier versions journalled it here; such events still replay.
/// </param>
/// <param name="WarmStart">Objects of finished neighbouring tiles (see <see cref="AnalyzeTile"/>).</param>
public sealed record TileAssigned(string SweepId, int Tile, string? SpecJson, PointObject[]? WarmStart) : IScyfiMessage;

/// <summary>Worker event: a computation of the tile started or resumed after a failure.</summary>
/// <param name="Attempt">1 for the first computation.</param>
/// <param name="PointsDone">Points of the tile already in the store when it started.</param>
public sealed record TileComputationStarted(int Attempt, int PointsDone) : IScyfiMessage;

/// <summary>
/// Worker event of earlier versions, which journalled finished points every few seconds. Points
/// now go to the result store instead (the store is the checkpoint); these events are still
/// read, so a tile interrupted under an earlier version resumes with the points it had.
/// </summary>
public sealed record TileCheckpoint(PointResult[] Points) : IScyfiMessage;

/// <summary>Worker event: all points are done; the result is final.</summary>
public sealed record TileCompleted(int Computations) : IScyfiMessage;

