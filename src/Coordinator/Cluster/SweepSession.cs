using Akka.Actor;
using Scyfi.Core;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// A client's conversation with the coordinator about one sweep: submit (or resume) it, then
/// watch its status until it completes, fails or is cancelled.
/// </summary>
public static class SweepSession
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    // A status ask is a few hundred bytes and a lookup in the coordinator; a sweep's end is seen
    // at most this late (it was 400 ms: 0.2 s on average added to every `scyfi sweep`).
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Submits a sweep; the coordinator's answer (accepted or rejected).</summary>
    public static async Task<int> SubmitAsync(IActorRef coordinator, SubmitSweep submit, CancellationToken ct)
    {
        var reply = await AskWithRetry<IScyfiMessage>(coordinator, submit, ct).ConfigureAwait(false);
        return reply switch
        {
            SweepAccepted a => a.TilesTotal,
            SweepRejected r => throw new ScyfiInputException($"sweep rejected: {r.Reason}"),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name}"),
        };
    }

    /// <summary>Current status of a sweep, or null when the coordinator does not know it.</summary>
    public static async Task<SweepStatus?> StatusAsync(IActorRef coordinator, string sweepId, CancellationToken ct)
    {
        var reply = await AskWithRetry<SweepStatusReply>(coordinator, new GetSweepStatus(sweepId), ct).ConfigureAwait(false);
        return reply.Sweeps.FirstOrDefault();
    }

    /// <summary>Polls until the sweep leaves the running/analysing states; reports progress.</summary>
    public static async Task<SweepStatus> WaitAsync(IActorRef coordinator, string sweepId, Action<SweepStatus> onStatus, CancellationToken ct)
    {
        while (true)
        {
            var s = await StatusAsync(coordinator, sweepId, ct).ConfigureAwait(false)
                ?? throw new ScyfiInputException($"the coordinator does not know sweep '{sweepId}'");
            onStatus(s);
            if (s.State is "completed" or "failed" or "cancelled") return s;
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks, retrying while the coordinator singleton is (re)starting: right after a member joins,
    /// or during a failover, the proxy buffers and the first asks may time out.
    /// </summary>
    public static async Task<T> AskWithRetry<T>(IActorRef target, object message, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await target.Ask<T>(message, AskTimeout, ct).ConfigureAwait(false);
            }
            catch (AskTimeoutException) when (attempt < 6 && !ct.IsCancellationRequested)
            {
            }
        }
    }
}
