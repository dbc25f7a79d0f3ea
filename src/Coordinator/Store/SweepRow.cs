namespace Scyfi.Coordinator.Store;

/// <summary>The read model of one sweep (what <c>scyfi status</c> and the dashboard show).</summary>
public sealed record SweepRow(
    string Id,
    string SpecJson,
    string Refine,
    int AdaptiveDepth,
    string State,
    int TilesTotal,
    int TilesDone,
    int TilesComputed,
    long PointsTotal,
    long PointsDone,
    int Retries,
    string? Message,
    string? StatsJson,
    DateTimeOffset Created,
    DateTimeOffset Updated);
