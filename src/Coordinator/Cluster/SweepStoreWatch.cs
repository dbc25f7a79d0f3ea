using Scyfi.Coordinator.Store;
using Scyfi.Core;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// Follows a sweep through its row in the store, as a client does once it has submitted the sweep
/// and left the cluster. The coordinator writes the row when the sweep is submitted, resumed or
/// ends, its counters at most a second behind, and rewrites it at least every 5 s while the sweep
/// runs (its heartbeat, <see cref="SweepRow.HeartbeatTimeout"/>).
/// </summary>
public static class SweepStoreWatch
{
    /// <summary>A status query on the row's primary key; the progress shown lags the tiles by at most the coordinator's 1 s anyway.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a running sweep's row may stay unchanged before the watch gives up: a coordinator
    /// rewrites it every 5 s, and a failover (downing, hand-over, recovery from the journal) takes
    /// well under a minute. Measured on this side's clock, from the last change seen, so the two
    /// machines' clocks need not agree.
    /// </summary>
    public static readonly TimeSpan Unattended = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Polls until the sweep is completed, failed or cancelled and returns that status; null when
    /// no coordinator has touched the row for <see cref="Unattended"/>.
    /// </summary>
    public static async Task<SweepStatus?> WaitAsync(SweepStore store, string sweepId, Action<SweepStatus> onStatus, CancellationToken ct)
    {
        DateTimeOffset? lastWrite = null;
        DateTime lastChangeSeen = DateTime.UtcNow;
        while (true)
        {
            var row = store.GetSweepProgress(sweepId)
                ?? throw new ScyfiInputException($"the cluster accepted sweep '{sweepId}' but the store {store.Location.Display} has no row for it: give --store the store the cluster uses");
            var status = StatusOf(row);
            onStatus(status);
            if (status.State is "completed" or "failed" or "cancelled") return status;
            if (row.Updated != lastWrite) (lastWrite, lastChangeSeen) = (row.Updated, DateTime.UtcNow);
            else if (DateTime.UtcNow - lastChangeSeen > Unattended) return null;
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The row as the coordinator's status reply would give it; tiles in flight are not in the row (-1).</summary>
    public static SweepStatus StatusOf(SweepRow row) =>
        new(row.Id, row.State, row.TilesTotal, row.TilesDone, row.TilesComputed, row.PointsDone, InFlight: -1, row.Retries, row.Message);
}
