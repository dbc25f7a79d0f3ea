using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scyfi.Coordinator.Store;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>Readiness: the result store (sweep rows, points) answers a query.</summary>
internal sealed class StoreHealthCheck(SweepStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await Task.Run(() =>
            {
                using var c = store.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT COUNT(*) FROM scyfi_sweeps";
                cmd.ExecuteScalar();
            }, ct).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"store {store.Location.Display} answers");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"store {store.Location.Display} does not answer: {e.Message}");
        }
    }
}
