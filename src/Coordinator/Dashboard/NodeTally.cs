namespace Scyfi.Coordinator.Dashboard;

/// <summary>Tiles one node has computed, as the coordinator recorded them: a total and a one-minute rate.</summary>
internal sealed class NodeTally
{
    /// <summary>Window of the rate.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private long _total;

    /// <summary>Counts one recorded tile.</summary>
    public void Add(DateTimeOffset now)
    {
        lock (_gate)
        {
            _total++;
            _recent.Enqueue(now);
            Trim(now);
        }
    }

    /// <summary>Tiles recorded so far.</summary>
    public long Total
    {
        get { lock (_gate) return _total; }
    }

    /// <summary>Tiles per second over the last minute (or since the first tile, when that is shorter).</summary>
    public double PerSecond(DateTimeOffset now, DateTimeOffset since)
    {
        lock (_gate)
        {
            Trim(now);
            double seconds = Math.Min(Window.TotalSeconds, Math.Max(1, (now - since).TotalSeconds));
            return _recent.Count / seconds;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() > Window) _recent.Dequeue();
    }
}
