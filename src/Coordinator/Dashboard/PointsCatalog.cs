using System.Collections.Concurrent;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The live maps the dashboard holds: every running sweep's (kept current by the poller) and the
/// last few that were asked for. Finished sweeps nobody looks at are dropped, so memory does not
/// grow with the number of sweeps in the store.
/// </summary>
internal sealed class PointsCatalog(SweepStore store)
{
    /// <summary>Maps of finished sweeps kept after their last request.</summary>
    private const int KeepIdle = 4;
    private static readonly TimeSpan RefreshOnRequestAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, SweepPoints> _maps = new();

    /// <summary>The map of a sweep in the store, refreshed when the poller does not keep it current; null for an unknown sweep.</summary>
    public SweepPoints? Get(string sweepId)
    {
        if (!_maps.TryGetValue(sweepId, out var map))
        {
            var row = store.GetSweep(sweepId);
            if (row is null) return null;
            map = _maps.GetOrAdd(sweepId, _ => new SweepPoints(sweepId, new SweepGrid(SweepSpec.Parse(row.SpecJson))));
            map.Refresh(store, row.State);
            Trim();
            return map;
        }
        if (!map.Complete && DateTimeOffset.UtcNow - map.Refreshed > RefreshOnRequestAfter)
            map.Refresh(store, store.GetSweep(sweepId)?.State ?? "running");
        return map;
    }

    /// <summary>Brings the map of a sweep the poller watches up to date (creating it for a running sweep).</summary>
    public void Track(SweepView sweep, string specJson)
    {
        bool active = sweep.State is "running" or "analysing";
        if (!_maps.TryGetValue(sweep.Id, out var map))
        {
            if (!active) return;
            map = _maps.GetOrAdd(sweep.Id, _ => new SweepPoints(sweep.Id, new SweepGrid(SweepSpec.Parse(specJson))));
        }
        // Only when something new can be there: a poll per second must not re-read an idle sweep.
        if (!map.Complete && (active || sweep.State == "completed" || map.Count < sweep.PointsDone)) map.Refresh(store, sweep.State);
    }

    /// <summary>Objects found in a sweep, when its map is held.</summary>
    public long? ObjectsFound(string sweepId) => _maps.TryGetValue(sweepId, out var m) ? m.ObjectsFound : null;

    private void Trim()
    {
        var idle = _maps.Values.Where(m => m.Complete).OrderByDescending(m => m.LastRead).Skip(KeepIdle).ToList();
        foreach (var m in idle) _maps.TryRemove(m.SweepId, out _);
    }
}
