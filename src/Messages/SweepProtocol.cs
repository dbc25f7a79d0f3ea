namespace Scyfi.Messages;

/// <summary>Client → coordinator: start a sweep (idempotent for the same id and spec).</summary>
/// <param name="SweepId">Id chosen by the client.</param>
/// <param name="SpecJson">Self-contained spec.</param>
/// <param name="Refine">"edges", "adaptive" or "none".</param>
/// <param name="AdaptiveDepth">Levels for adaptive refinement.</param>
/// <param name="MaxInFlightPerNode">Tiles in flight per worker node.</param>
public sealed record SubmitSweep(string SweepId, string SpecJson, string Refine, int AdaptiveDepth, int MaxInFlightPerNode) : IScyfiMessage;

/// <summary>Coordinator → client: the sweep is known (new or already submitted).</summary>
public sealed record SweepAccepted(string SweepId, int TilesTotal) : IScyfiMessage;

/// <summary>Coordinator → client: the submission cannot be run.</summary>
public sealed record SweepRejected(string SweepId, string Reason) : IScyfiMessage;

/// <summary>Client → coordinator: status of one sweep (or of all when null).</summary>
public sealed record GetSweepStatus(string? SweepId) : IScyfiMessage;

/// <summary>Coordinator → client: the sweeps it knows.</summary>
public sealed record SweepStatusReply(SweepStatus[] Sweeps) : IScyfiMessage;

/// <summary>Progress of one sweep.</summary>
/// <param name="Id">Sweep id.</param>
/// <param name="State">"running", "analysing", "completed", "cancelled" or "failed".</param>
/// <param name="TilesTotal">Tiles of the grid.</param>
/// <param name="TilesDone">Tiles recorded (each exactly once).</param>
/// <param name="TilesComputed">Tile computations, repeats after failures included.</param>
/// <param name="PointsDone">Grid points recorded.</param>
/// <param name="InFlight">Tiles assigned and not yet recorded.</param>
/// <param name="Retries">Tile assignments re-sent after a timeout.</param>
/// <param name="Message">Failure reason, or null.</param>
public sealed record SweepStatus(string Id, string State, int TilesTotal, int TilesDone, int TilesComputed, long PointsDone, int InFlight, int Retries, string? Message) : IScyfiMessage;

/// <summary>Client → coordinator: stop a sweep; late tile results are ignored.</summary>
public sealed record CancelSweep(string SweepId) : IScyfiMessage;

/// <summary>Client → coordinator: continue a cancelled or failed sweep (a running one just continues).</summary>
public sealed record ResumeSweep(string SweepId) : IScyfiMessage;

/// <summary>Coordinator → client: reply to cancel/resume.</summary>
public sealed record SweepCommandAck(string SweepId, string State) : IScyfiMessage;
