using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The server-sent events of <c>/api/events</c>: <c>cluster</c> and <c>sweeps</c> (the JSON of
/// /api/cluster and /api/sweeps, sent whenever they change), <c>event</c> (one recent event each,
/// with its sequence number as the event id, so a reconnecting browser gets only what it missed)
/// and <c>ping</c> every 15 s of silence (keeps proxies from closing the stream).
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const int BacklogOnConnect = 100;

    public static async IAsyncEnumerable<SseItem<string>> Items(DashboardHub hub, long? lastEventId, [EnumeratorCancellation] CancellationToken ct)
    {
        long cluster = -1, sweeps = -1;
        long seq = lastEventId ?? Math.Max(0, hub.Log.LastSeq - BacklogOnConnect);
        while (!ct.IsCancellationRequested)
        {
            var snap = hub.Current;
            if (snap.ClusterVersion != cluster && snap.Cluster is not null)
            {
                cluster = snap.ClusterVersion;
                yield return new SseItem<string>(snap.ClusterJson, "cluster");
            }
            if (snap.SweepsVersion != sweeps)
            {
                sweeps = snap.SweepsVersion;
                yield return new SseItem<string>(snap.SweepsJson, "sweeps");
            }
            foreach (var e in hub.Log.After(seq, BacklogOnConnect))
            {
                seq = e.Seq;
                yield return new SseItem<string>(DashboardJson.Serialize(e), "event") { EventId = e.Seq.ToString(CultureInfo.InvariantCulture) };
            }
            bool quiet = false, closed = false;
            try
            {
                await hub.NextChangeAsync(ct).WaitAsync(Heartbeat, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                quiet = true;
            }
            catch (OperationCanceledException)
            {
                closed = true;   // the browser went away, or the node is stopping
            }
            if (closed) yield break;
            if (quiet) yield return new SseItem<string>("{}", "ping");
        }
    }
}
