using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Measures the journal's write latency the way the cluster uses it: every few seconds it
/// persists one small event through the default journal plugin and times the round trip, then
/// deletes the events before it so that the probe leaves a single row behind. Its persistence id
/// names the node, so probes of different nodes never write the same stream.
/// </summary>
internal sealed class JournalProbe : ReceivePersistentActor, IWithTimers
{
    private readonly DashboardMetrics _metrics;
    private readonly JournalProbeStatus _status;
    private readonly TimeSpan _interval;

    public JournalProbe(string persistenceId, DashboardMetrics metrics, JournalProbeStatus status, TimeSpan interval)
    {
        PersistenceId = persistenceId;
        _metrics = metrics;
        _status = status;
        _interval = interval;
        Recover<string>(_ => { });
        Command<Probe>(_ => Write());
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Persistence id of a node's probe (letters, digits and '-' only).</summary>
    public static string IdFor(Address node) =>
        "scyfi-dashboard-probe-" + new string($"{node.Host}-{node.Port}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer("probe", Probe.Instance, TimeSpan.FromSeconds(1), _interval);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The actor stops after this; its supervisor (a backoff supervisor) starts it again.
        _metrics.JournalFailed();
        _status.Failed(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _status.Failed(reason);
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _metrics.JournalFailed();
        _status.Failed(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Write()
    {
        var clock = Stopwatch.StartNew();
        Persist(DateTimeOffset.UtcNow.ToString("O"), _ =>
        {
            _metrics.JournalWritten(clock.Elapsed);
            _status.Succeeded(clock.Elapsed);
            if (LastSequenceNr > 1) DeleteMessages(LastSequenceNr - 1);
        });
    }

    private sealed class Probe : INoSerializationVerificationNeeded
    {
        public static readonly Probe Instance = new();
    }
}
