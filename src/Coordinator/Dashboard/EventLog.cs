namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The last <see cref="Capacity"/> events seen by this dashboard, in order. Written by the cluster
/// observer actor and the poller, read by API requests and the event stream; one lock is plenty
/// at a few events per second.
/// </summary>
public sealed class EventLog
{
    /// <summary>Events kept.</summary>
    public const int Capacity = 300;

    private readonly Lock _gate = new();
    private readonly Queue<DashboardEvent> _events = new();
    private long _seq;

    /// <summary>Raised after an event is added (the hub wakes the event streams).</summary>
    public event Action? Added;

    /// <summary>Sequence number of the newest event (0 before the first).</summary>
    public long LastSeq
    {
        get { lock (_gate) return _seq; }
    }

    /// <summary>Records an event.</summary>
    public DashboardEvent Add(string kind, string message, string? node = null, string? sweep = null)
    {
        DashboardEvent e;
        lock (_gate)
        {
            e = new DashboardEvent(++_seq, DateTimeOffset.UtcNow, kind, message, node, sweep);
            _events.Enqueue(e);
            while (_events.Count > Capacity) _events.Dequeue();
        }
        Added?.Invoke();
        return e;
    }

    /// <summary>Events with a sequence number above <paramref name="after"/>, oldest first, at most <paramref name="max"/> (the newest ones).</summary>
    public DashboardEvent[] After(long after, int max = Capacity)
    {
        lock (_gate)
        {
            var list = _events.Where(e => e.Seq > after).ToArray();
            return list.Length <= max ? list : list[^max..];
        }
    }
}
