namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Tiles and points per second of one sweep over the last minute, from the progress the poller
/// observes, and the time left at that rate. Observation-based, so it works wherever the dashboard
/// runs and needs nothing from the coordinator but its status.
/// </summary>
internal sealed class SweepRates
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private readonly Queue<(DateTimeOffset At, int Tiles, long Points)> _samples = new();

    /// <summary>Adds an observation; returns (tiles/s, points/s), null until the window holds two samples that differ in time.</summary>
    public (double Tiles, double Points)? Add(DateTimeOffset now, int tilesDone, long pointsDone)
    {
        // Progress never goes back; a smaller value means another sweep with the same id (a new store): start over.
        if (_samples.Count > 0 && tilesDone < _samples.Last().Tiles) _samples.Clear();
        _samples.Enqueue((now, tilesDone, pointsDone));
        while (_samples.Count > 2 && now - _samples.Peek().At > Window) _samples.Dequeue();
        var first = _samples.Peek();
        double seconds = (now - first.At).TotalSeconds;
        if (seconds < 0.5) return null;
        return ((tilesDone - first.Tiles) / seconds, (pointsDone - first.Points) / seconds);
    }
}
