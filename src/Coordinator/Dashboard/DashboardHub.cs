namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Holds the latest <see cref="DashboardSnapshot"/> and wakes the event streams when it or the
/// event log changes. One signal for all clients: each stream compares versions and sends only
/// what changed since it last wrote.
/// </summary>
public sealed class DashboardHub
{
    private readonly Lock _gate = new();
    private DashboardSnapshot _current = DashboardSnapshot.Empty;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Creates the hub; events added to <paramref name="log"/> wake the streams.</summary>
    public DashboardHub(EventLog log)
    {
        Log = log;
        log.Added += Signal;
    }

    /// <summary>The recent events.</summary>
    public EventLog Log { get; }

    /// <summary>The latest snapshot.</summary>
    public DashboardSnapshot Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>Replaces the views; versions move only for what changed.</summary>
    public void Publish(ClusterView cluster, SweepView[] sweeps)
    {
        string clusterJson = DashboardJson.Serialize(cluster);
        string sweepsJson = DashboardJson.Serialize(new { sweeps });
        lock (_gate)
        {
            var old = _current;
            _current = new DashboardSnapshot(cluster, clusterJson, old.ClusterVersion + (old.ClusterJson == clusterJson ? 0 : 1),
                sweeps, sweepsJson, old.SweepsVersion + (old.SweepsJson == sweepsJson ? 0 : 1));
        }
        Signal();
    }

    /// <summary>Completes at the next change (or when <paramref name="ct"/> fires).</summary>
    public Task NextChangeAsync(CancellationToken ct)
    {
        Task changed;
        lock (_gate) changed = _changed.Task;
        return changed.WaitAsync(ct);
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = NewSignal();
        }
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
