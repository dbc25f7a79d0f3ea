namespace Scyfi.Coordinator.Dashboard;

/// <summary>One sweep as <c>/api/sweeps</c> shows it: the store's read model, overlaid with the coordinator's live status.</summary>
/// <param name="Id">Sweep id.</param>
/// <param name="State">running, analysing, completed, cancelled or failed.</param>
/// <param name="TilesTotal">Tiles of the grid.</param>
/// <param name="TilesDone">Tiles recorded (each exactly once).</param>
/// <param name="TilesComputed">Tile computations, repeats after failures included.</param>
/// <param name="TilesInFlight">Tiles assigned and not yet recorded (0 when the coordinator did not answer).</param>
/// <param name="Retries">Tile assignments re-sent after a timeout (the coordinator's count since it started).</param>
/// <param name="FailedComputations">TilesComputed − TilesDone: computations repeated after a failure.</param>
/// <param name="PointsTotal">Grid points.</param>
/// <param name="PointsDone">Grid points recorded.</param>
/// <param name="Progress">TilesDone / TilesTotal, 0..1.</param>
/// <param name="TilesPerSecond">Tiles recorded per second over the last minute; null until two observations.</param>
/// <param name="PointsPerSecond">Grid points recorded per second over the last minute.</param>
/// <param name="EtaSeconds">Seconds until the last tile at the current rate; null when unknown or not running.</param>
/// <param name="ObjectsFound">Fixed points and cycles over the recorded points; null while the dashboard has not loaded the sweep's points.</param>
/// <param name="Message">Failure reason, or null.</param>
/// <param name="Created">When the sweep was submitted.</param>
/// <param name="Updated">Last change in the store.</param>
/// <param name="Axes">The swept parameters.</param>
/// <param name="Refine">Refinement mode (edges, adaptive, none).</param>
/// <param name="Live">True when the coordinator answered for this sweep just now; false when only the store was read.</param>
public sealed record SweepView(
    string Id,
    string State,
    int TilesTotal,
    int TilesDone,
    int TilesComputed,
    int TilesInFlight,
    int Retries,
    int FailedComputations,
    long PointsTotal,
    long PointsDone,
    double Progress,
    double? TilesPerSecond,
    double? PointsPerSecond,
    double? EtaSeconds,
    long? ObjectsFound,
    string? Message,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    AxisView[] Axes,
    string Refine,
    bool Live);

/// <summary>A swept parameter.</summary>
/// <param name="Name">Axis name.</param>
/// <param name="From">First value.</param>
/// <param name="To">Last value.</param>
/// <param name="Points">Grid points along the axis.</param>
public sealed record AxisView(string Name, double From, double To, int Points);
