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
    DateTimeOffset Updated)
{
    /// <summary>
    /// The coordinator rewrites a running sweep's row at least every 5 s. A row still marked
    /// running but untouched for longer than this has no coordinator: the sweep was interrupted
    /// (Ctrl-C, a crash, the cluster stopped) and waits for <c>scyfi resume</c>.
    /// </summary>
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True when the sweep is marked running or analysing but no coordinator has written its row lately.</summary>
    public bool IsInterrupted(DateTimeOffset now) => State is "running" or "analysing" && now - Updated > HeartbeatTimeout;
}
