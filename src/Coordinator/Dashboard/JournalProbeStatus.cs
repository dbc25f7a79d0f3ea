namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The outcome of the journal probe's last writes, shared by the probe actor and the readiness
/// check: "the journal answers" means a real event went through the plugin to the database lately.
/// </summary>
public sealed class JournalProbeStatus
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _lastFailure;
    private string? _lastError;
    private TimeSpan _lastLatency;

    /// <summary>Records a write that went through.</summary>
    public void Succeeded(TimeSpan latency)
    {
        lock (_gate)
        {
            _lastSuccess = DateTimeOffset.UtcNow;
            _lastLatency = latency;
        }
    }

    /// <summary>Records a write that failed.</summary>
    public void Failed(Exception cause)
    {
        lock (_gate)
        {
            _lastFailure = DateTimeOffset.UtcNow;
            _lastError = cause.GetBaseException().Message;
        }
    }

    /// <summary>Last success, last failure (and why), and the last write's latency.</summary>
    public (DateTimeOffset? Success, DateTimeOffset? Failure, string? Error, TimeSpan Latency) Read()
    {
        lock (_gate) return (_lastSuccess, _lastFailure, _lastError, _lastLatency);
    }
}
