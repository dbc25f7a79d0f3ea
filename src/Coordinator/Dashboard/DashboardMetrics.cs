using Prometheus;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The Prometheus metrics of <c>/metrics</c>, in a registry of this dashboard's own (several
/// nodes in one test process must not share series). Counters follow cumulative values the
/// dashboard observes (coordinator status, coordinator notices, the journal probe); a value that
/// goes down — a counter the coordinator keeps only in memory, after a failover — counts as a reset.
/// </summary>
public sealed class DashboardMetrics
{
    private static readonly string[] MemberStatuses = ["joining", "weakly_up", "up", "leaving", "exiting", "down", "removed"];

    private readonly Dictionary<(string Metric, string Sweep), double> _last = [];
    private readonly Lock _gate = new();

    /// <summary>Creates the registry and its metrics.</summary>
    public DashboardMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        string[] sweep = ["sweep"];
        TilesCompleted = f.CreateCounter("scyfi_tiles_completed_total", "Tiles recorded by the coordinator (each tile once).", sweep);
        TilesFailed = f.CreateCounter("scyfi_tiles_failed_total", "Tile computations that had to be repeated (a worker died or a computation threw).", sweep);
        TilesRetried = f.CreateCounter("scyfi_tiles_retried_total", "Tile assignments re-sent after nothing was heard of the tile.", sweep);
        PointsDone = f.CreateCounter("scyfi_points_done_total", "Grid points recorded.", sweep);
        TilesInFlight = f.CreateGauge("scyfi_tiles_in_flight", "Tiles assigned to workers and not yet recorded.", sweep);
        TilesTotal = f.CreateGauge("scyfi_tiles", "Tiles of the sweep's grid.", sweep);
        PointsPerSecond = f.CreateGauge("scyfi_points_per_second", "Grid points recorded per second (last minute).", sweep);
        TilesPerSecond = f.CreateGauge("scyfi_tiles_per_second", "Tiles recorded per second (last minute).", sweep);
        ObjectsFound = f.CreateGauge("scyfi_objects_found", "Fixed points and cycles found over the recorded grid points (sweeps the dashboard has loaded).", sweep);
        Sweeps = f.CreateGauge("scyfi_sweeps", "Sweeps in the store by state.", "state");
        Members = f.CreateGauge("scyfi_cluster_members", "Cluster members by status, as this node sees them.", "status");
        Unreachable = f.CreateGauge("scyfi_cluster_unreachable_members", "Members this node's failure detector marks unreachable.");
        NodeTiles = f.CreateCounter("scyfi_node_tiles_completed_total", "Tiles recorded per computing node (known where the coordinator runs).", "node");
        NodeTilesPerSecond = f.CreateGauge("scyfi_node_tiles_per_second", "Tiles recorded per second per node (last minute; known where the coordinator runs).", "node");
        NodeActiveTiles = f.CreateGauge("scyfi_node_active_tiles", "Tile entities alive per node (cluster sharding statistics).", "node");
        JournalWrite = f.CreateHistogram("scyfi_journal_write_seconds", "Latency of one event write to the Akka.Persistence journal (probe event every few seconds).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        JournalFailures = f.CreateCounter("scyfi_journal_write_failures_total", "Probe events the journal failed to write.");
        foreach (var s in MemberStatuses) Members.WithLabels(s).Set(0);
    }

    /// <summary>The registry served at /metrics.</summary>
    public CollectorRegistry Registry { get; }

    internal Counter TilesCompleted { get; }
    internal Counter TilesFailed { get; }
    internal Counter TilesRetried { get; }
    internal Counter PointsDone { get; }
    internal Gauge TilesInFlight { get; }
    internal Gauge TilesTotal { get; }
    internal Gauge PointsPerSecond { get; }
    internal Gauge TilesPerSecond { get; }
    internal Gauge ObjectsFound { get; }
    internal Gauge Sweeps { get; }
    internal Gauge Members { get; }
    internal Gauge Unreachable { get; }
    internal Counter NodeTiles { get; }
    internal Gauge NodeTilesPerSecond { get; }
    internal Gauge NodeActiveTiles { get; }
    internal Histogram JournalWrite { get; }
    internal Counter JournalFailures { get; }

    /// <summary>Feeds a sweep's latest observed view into the metrics.</summary>
    public void Observe(SweepView s)
    {
        Follow(TilesCompleted, s.Id, s.TilesDone);
        Follow(TilesFailed, s.Id, Math.Max(0, s.TilesComputed - s.TilesDone));
        Follow(TilesRetried, s.Id, s.Retries);
        Follow(PointsDone, s.Id, s.PointsDone);
        TilesInFlight.WithLabels(s.Id).Set(s.TilesInFlight);
        TilesTotal.WithLabels(s.Id).Set(s.TilesTotal);
        PointsPerSecond.WithLabels(s.Id).Set(s.PointsPerSecond ?? 0);
        TilesPerSecond.WithLabels(s.Id).Set(s.TilesPerSecond ?? 0);
        if (s.ObjectsFound is { } objects) ObjectsFound.WithLabels(s.Id).Set(objects);
    }

    /// <summary>Sets the per-state sweep counts.</summary>
    public void ObserveSweepStates(IEnumerable<SweepView> sweeps)
    {
        var counts = sweeps.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count());
        foreach (var state in new[] { "running", "analysing", "completed", "cancelled", "failed" })
            Sweeps.WithLabels(state).Set(counts.GetValueOrDefault(state));
    }

    /// <summary>Sets the member counts from the cluster view.</summary>
    public void ObserveCluster(ClusterView c)
    {
        var counts = c.Members.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
        foreach (var s in MemberStatuses) Members.WithLabels(s).Set(counts.GetValueOrDefault(s));
        Unreachable.Set(c.Members.Count(m => !m.Reachable));
        foreach (var m in c.Members)
        {
            if (m.ActiveTiles is { } active) NodeActiveTiles.WithLabels(m.Address).Set(active);
            if (m.TilesPerSecond is { } rate) NodeTilesPerSecond.WithLabels(m.Address).Set(rate);
        }
    }

    /// <summary>Counts one tile recorded for a node.</summary>
    public void NodeTileRecorded(string node) => NodeTiles.WithLabels(node).Inc();

    /// <summary>Records one journal probe write.</summary>
    public void JournalWritten(TimeSpan latency) => JournalWrite.Observe(latency.TotalSeconds);

    /// <summary>Records a failed journal probe write.</summary>
    public void JournalFailed() => JournalFailures.Inc();

    private void Follow(Counter counter, string sweep, double value)
    {
        lock (_gate)
        {
            var key = (counter.Name, sweep);
            double last = _last.GetValueOrDefault(key);
            // A smaller value is a reset (e.g. the coordinator's in-memory retry count after a failover).
            double delta = value >= last ? value - last : value;
            _last[key] = value;
            if (delta > 0) counter.WithLabels(sweep).Inc(delta);
            else counter.WithLabels(sweep);   // the series exists from the first observation
        }
    }
}
