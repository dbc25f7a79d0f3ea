using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Readiness: the journal took a probe event lately and did not fail since. (Akka.Persistence.Sql's
/// own connectivity check cannot be used: in this package set it fails to load a LinqToDB type.)
/// </summary>
internal sealed class JournalHealthCheck(JournalProbeStatus status, DashboardSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (success, failure, error, latency) = status.Read();
        var now = DateTimeOffset.UtcNow;
        // Three probe periods without a write means the journal is stuck, even if nothing failed outright.
        var stale = 3 * settings.JournalProbeInterval + TimeSpan.FromSeconds(5);
        HealthCheckResult result;
        if (success is null)
            result = new HealthCheckResult(context.Registration.FailureStatus, failure is null ? "no journal write yet" : $"journal write failed: {error}");
        else if (failure > success)
            result = new HealthCheckResult(context.Registration.FailureStatus, $"the last journal write failed: {error}");
        else if (now - success > stale)
            result = new HealthCheckResult(context.Registration.FailureStatus, $"no journal write for {(now - success.Value).TotalSeconds:F0} s");
        else
            result = HealthCheckResult.Healthy($"journal write {latency.TotalMilliseconds:F1} ms, {(now - success.Value).TotalSeconds:F0} s ago");
        return Task.FromResult(result);
    }
}
