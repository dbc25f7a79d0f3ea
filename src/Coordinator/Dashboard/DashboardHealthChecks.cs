using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Health checks of a member serving the dashboard, registered through Akka.Hosting. Live: the
/// ActorSystem runs. Ready: live, joined the cluster (Up), and the journal plugin answers
/// Akka.Persistence's health query — plus, added with the web services, a recent real write
/// through the journal (<see cref="JournalHealthCheck"/>) and the result store (<see cref="StoreHealthCheck"/>).
/// </summary>
internal static class DashboardHealthChecks
{
    /// <summary>Tag of the checks behind /healthz/live.</summary>
    public const string Live = "live";
    /// <summary>Tag of the checks behind /healthz/ready.</summary>
    public const string Ready = "ready";

    private const string JournalPlugin = "akka.persistence.journal.sql";

    public static AkkaConfigurationBuilder WithDashboardHealthChecks(this AkkaConfigurationBuilder b)
    {
        b.WithActorSystemLivenessCheck(tags: [Live, Ready]);
        b.WithAkkaClusterReadinessCheck(tags: [Ready]);
        b.WithHealthCheck("akka-persistence-journal", async (system, _, ct) =>
        {
            var result = await Persistence.Instance.Apply(system).CheckJournalHealthAsync(JournalPlugin, ct).ConfigureAwait(false);
            return result.Status == PersistenceHealthStatus.Healthy
                ? HealthCheckResult.Healthy($"journal {JournalPlugin} answers")
                : HealthCheckResult.Unhealthy($"journal {JournalPlugin}: {result.Status} {result.Description}");
        }, HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(10));
        return b;
    }
}
