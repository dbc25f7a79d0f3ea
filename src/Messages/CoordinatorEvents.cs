namespace Scyfi.Messages;

/// <summary>Coordinator event: a sweep was submitted.</summary>
/// <param name="SweepId">Sweep id.</param>
/// <param name="SpecJson">Self-contained spec.</param>
/// <param name="Refine">Refine mode.</param>
/// <param name="AdaptiveDepth">Adaptive depth.</param>
/// <param name="MaxInFlightPerNode">Tiles in flight per worker node.</param>
/// <param name="TilesTotal">Tiles.</param>
/// <param name="PointsTotal">Grid points.</param>
/// <param name="SubmittedAt">When it was submitted (UTC): grid timings after a resume or failover count from here.</param>
/// <param name="PlacesTiles">
/// True: the coordinator places each tile in a shard (<see cref="TilesPlaced"/>). False for sweeps
/// submitted before 2026-11-30, whose tiles go by the hash of their entity ids.
/// </param>
public sealed record SweepSubmitted(string SweepId, string SpecJson, string Refine, int AdaptiveDepth, int MaxInFlightPerNode, int TilesTotal, long PointsTotal,
    DateTime? SubmittedAt = null, bool PlacesTiles = false) : IScyfiMessage;

/// <summary>
/// Coordinator event: tiles were placed in shards (each on a node that had room), before they were
/// first sent. A tile keeps its shard, and so its entity, until it is recorded: after a failover
/// the coordinator sends it to the same entity, which may still be computing it.
/// </summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tiles">Tiles placed.</param>
/// <param name="Shards">The shard of each tile, in the same order.</param>
public sealed record TilesPlaced(string SweepId, int[] Tiles, int[] Shards) : IScyfiMessage;

/// <summary>Coordinator event: a tile's result is stored, recorded exactly once per tile.</summary>
public sealed record TileRecorded(string SweepId, int Tile, int Points, int Computations) : IScyfiMessage;

/// <summary>Coordinator event: all tiles are in and the bifurcation analysis was written.</summary>
public sealed record SweepFinished(string SweepId, int Bifurcations) : IScyfiMessage;

/// <summary>Coordinator event: the sweep was cancelled.</summary>
public sealed record SweepStopped(string SweepId) : IScyfiMessage;

/// <summary>Coordinator event: the sweep was resumed after a cancel or failure.</summary>
public sealed record SweepRestarted(string SweepId) : IScyfiMessage;

/// <summary>Coordinator event: the sweep failed (e.g. its analysis threw).</summary>
public sealed record SweepFailed(string SweepId, string Reason) : IScyfiMessage;

/// <summary>Coordinator snapshot: the compact state of every sweep (no point results: they live in the result store).</summary>
public sealed record CoordinatorSnapshot(SweepRecord[] Sweeps) : IScyfiMessage;

/// <summary>The coordinator's durable knowledge of one sweep.</summary>
/// <param name="Id">Sweep id.</param>
/// <param name="SpecJson">Spec.</param>
/// <param name="Refine">Refine mode.</param>
/// <param name="AdaptiveDepth">Adaptive depth.</param>
/// <param name="MaxInFlightPerNode">Tiles in flight per worker node.</param>
/// <param name="TilesTotal">Tiles.</param>
/// <param name="PointsTotal">Grid points.</param>
/// <param name="State">running, completed, cancelled, failed.</param>
/// <param name="Done">Bitmap of recorded tiles (bit t of word t/64).</param>
/// <param name="TilesComputed">Sum of computations over recorded tiles.</param>
/// <param name="PointsDone">Points recorded.</param>
/// <param name="Message">Failure reason.</param>
/// <param name="SubmittedAt">Submission time (UTC).</param>
/// <param name="PlacesTiles">See <see cref="SweepSubmitted.PlacesTiles"/>.</param>
/// <param name="PlacedTiles">Tiles placed in a shard and not yet recorded.</param>
/// <param name="PlacedShards">The shard of each of <paramref name="PlacedTiles"/>.</param>
public sealed record SweepRecord(string Id, string SpecJson, string Refine, int AdaptiveDepth, int MaxInFlightPerNode, int TilesTotal, long PointsTotal,
    string State, ulong[] Done, int TilesComputed, long PointsDone, string? Message, DateTime? SubmittedAt = null,
    bool PlacesTiles = false, int[]? PlacedTiles = null, int[]? PlacedShards = null) : IScyfiMessage;
