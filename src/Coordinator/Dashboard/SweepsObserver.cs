using System.Globalization;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Builds the sweep views from the store's read model and the coordinator's live status (either
/// may be missing for a moment: during a failover the coordinator does not answer, and the store
/// lags the coordinator by one update), keeps their rates, and logs state changes as events.
/// Used by the poller only (one thread).
/// </summary>
internal sealed class SweepsObserver(EventLog log, ClusterWatch watch)
{
    private readonly Dictionary<string, SweepRates> _rates = [];
    private readonly Dictionary<string, (string State, int Retries)> _last = [];
    private readonly Dictionary<string, AxisView[]> _axes = [];
    private bool _first = true;

    /// <summary>The views, newest first, with the spec of each (for the live maps).</summary>
    public List<(SweepView View, string SpecJson)> Observe(IReadOnlyList<SweepRow> rows, IReadOnlyList<SweepStatus>? live, DateTimeOffset now)
    {
        var status = live?.ToDictionary(s => s.Id) ?? [];
        var result = new List<(SweepView, string)>(rows.Count);
        foreach (var row in rows)
        {
            status.TryGetValue(row.Id, out var s);
            var view = View(row, s, now);
            LogChanges(view, row);
            result.Add((view, row.SpecJson));
        }
        _first = false;
        return result;
    }

    private SweepView View(SweepRow row, SweepStatus? s, DateTimeOffset now)
    {
        // The coordinator's status is newer than the store's row; the row alone is all there is when the coordinator is away.
        string state = s?.State ?? row.State;
        int tilesDone = Math.Max(s?.TilesDone ?? 0, row.TilesDone);
        int computed = Math.Max(s?.TilesComputed ?? 0, row.TilesComputed);
        long pointsDone = Math.Max(s?.PointsDone ?? 0, row.PointsDone);
        int retries = s?.Retries ?? row.Retries;
        if (!_rates.TryGetValue(row.Id, out var rates)) _rates[row.Id] = rates = new SweepRates();
        var rate = rates.Add(now, tilesDone, pointsDone);
        bool running = state is "running";
        double? eta = running && rate is { Tiles: > 1e-9 } r ? (row.TilesTotal - tilesDone) / r.Tiles : null;
        return new SweepView(row.Id, state, row.TilesTotal, tilesDone, computed, s?.InFlight ?? 0, retries, Math.Max(0, computed - tilesDone),
            row.PointsTotal, pointsDone, row.TilesTotal == 0 ? 1 : (double)tilesDone / row.TilesTotal,
            rate?.Tiles, rate?.Points, eta, null, s?.Message ?? row.Message, row.Created, row.Updated, Axes(row), row.Refine, s is not null);
    }

    /// <summary>A sweep from its store row alone (before the poller has seen it).</summary>
    public static SweepView Stored(SweepRow row) => new(row.Id, row.State, row.TilesTotal, row.TilesDone, row.TilesComputed, 0, row.Retries,
        Math.Max(0, row.TilesComputed - row.TilesDone), row.PointsTotal, row.PointsDone, row.TilesTotal == 0 ? 1 : (double)row.TilesDone / row.TilesTotal,
        null, null, null, null, row.Message, row.Created, row.Updated, ParseAxes(row.SpecJson), row.Refine, false);

    private AxisView[] Axes(SweepRow row)
    {
        if (!_axes.TryGetValue(row.Id, out var axes)) _axes[row.Id] = axes = ParseAxes(row.SpecJson);
        return axes;
    }

    private static AxisView[] ParseAxes(string specJson)
    {
        try
        {
            return SweepSpec.Parse(specJson).Axes.Select(a => new AxisView(a.Name, a.From, a.To, a.Points)).ToArray();
        }
        catch (Core.ScyfiInputException)
        {
            return [];   // a spec this version cannot read: shown without axes rather than not at all
        }
    }

    private void LogChanges(SweepView v, SweepRow row)
    {
        bool known = _last.TryGetValue(v.Id, out var before);
        _last[v.Id] = (v.State, v.Retries);
        if (!known)
        {
            // Sweeps already in the store when the dashboard started are history, not events; a new one is.
            if (!_first || (v.State == "running" && DateTimeOffset.UtcNow - row.Created < TimeSpan.FromMinutes(1)))
                log.Add("sweep-submitted", $"sweep {v.Id} submitted: {v.PointsTotal:N0} points in {v.TilesTotal} tiles", sweep: v.Id);
            return;
        }
        if (before.State != v.State)
        {
            string seconds = (row.Updated - row.Created).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
            switch (v.State)
            {
                case "analysing": log.Add("sweep-analysing", $"sweep {v.Id}: all {v.TilesTotal} tiles in; continuation and bifurcation analysis", sweep: v.Id); break;
                case "completed": log.Add("sweep-completed", $"sweep {v.Id} completed: {v.TilesTotal} tiles, {v.TilesComputed} computations, {v.Retries} re-sent ({seconds} s since submission)", sweep: v.Id); break;
                case "cancelled": log.Add("sweep-cancelled", $"sweep {v.Id} cancelled at {v.TilesDone}/{v.TilesTotal} tiles", sweep: v.Id); break;
                case "failed": log.Add("sweep-failed", $"sweep {v.Id} failed: {v.Message}", sweep: v.Id); break;
                case "running": log.Add("sweep-resumed", $"sweep {v.Id} resumed at {v.TilesDone}/{v.TilesTotal} tiles", sweep: v.Id); break;
            }
        }
        // Where the coordinator runs in this process its notices name each re-sent tile; elsewhere the count tells.
        if (!watch.NoticesSeen && v.Retries > before.Retries)
            log.Add("tile-retried", $"sweep {v.Id}: {v.Retries - before.Retries} silent tile(s) sent again ({v.Retries} so far)", sweep: v.Id);
    }
}
