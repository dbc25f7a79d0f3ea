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
public sealed record SweepSubmitted(string SweepId, string SpecJson, string Refine, int AdaptiveDepth, int MaxInFlightPerNode, int TilesTotal, long PointsTotal,
    DateTime? SubmittedAt = null) : IScyfiMessage;

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
public sealed record SweepRecord(string Id, string SpecJson, string Refine, int AdaptiveDepth, int MaxInFlightPerNode, int TilesTotal, long PointsTotal,
    string State, ulong[] Done, int TilesComputed, long PointsDone, string? Message, DateTime? SubmittedAt = null) : IScyfiMessage;
