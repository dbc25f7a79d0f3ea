using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Puts the dashboard into a member's generic host: Kestrel and the endpoints in the same host
/// (and so the same DI container and ActorSystem) as Akka, the observer and journal-probe actors
/// in the ActorSystem, the health checks in Akka.Hosting. Nothing here runs unless the member was
/// started with a dashboard.
/// </summary>
public static class DashboardHost
{
    /// <summary>Kestrel, the dashboard's services and its endpoints.</summary>
    public static IHostBuilder AddScyfiDashboard(this IHostBuilder host, DashboardSettings dashboard, SweepStore store) =>
        host.ConfigureWebHost(web =>
        {
            web.UseKestrel(k => k.AddServerHeader = false);
            web.UseUrls(dashboard.Url.ToString());
            web.UseSetting(WebHostDefaults.SuppressStatusMessagesKey, "true");
            web.ConfigureServices(s =>
            {
                s.AddRouting();
                var probeStatus = new JournalProbeStatus();
                s.AddHealthChecks()
                    .AddCheck("journal-write", new JournalHealthCheck(probeStatus, dashboard), tags: [DashboardHealthChecks.Ready])
                    .AddCheck("store", new StoreHealthCheck(store), tags: [DashboardHealthChecks.Ready]);
                s.AddSingleton(probeStatus);
                s.AddSingleton(dashboard);
                s.AddSingleton(store);
                s.AddSingleton<EventLog>();
                s.AddSingleton<DashboardHub>();
                s.AddSingleton<ClusterWatch>();
                s.AddSingleton<DashboardMetrics>();
                s.AddSingleton(new PointsCatalog(store));
                // Resolved lazily: the ActorSystem exists only once Akka's hosted service (registered first) has started.
                s.AddHostedService(sp => new DashboardPoller(
                    new Lazy<ActorSystem>(sp.GetRequiredService<ActorSystem>), new Lazy<IActorRegistry>(sp.GetRequiredService<IActorRegistry>),
                    store, sp.GetRequiredService<DashboardHub>(), sp.GetRequiredService<PointsCatalog>(), sp.GetRequiredService<ClusterWatch>(),
                    sp.GetRequiredService<DashboardMetrics>(), dashboard, () => ListeningUrl(sp), sp.GetRequiredService<IHostApplicationLifetime>(),
                    sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DashboardPoller>>()));
            });
            web.Configure(app =>
            {
                app.Use(SecurityHeaders);
                app.UseRouting();
                app.UseEndpoints(DashboardEndpoints.Map);
            });
        });

    /// <summary>The observer and journal-probe actors and the health checks, in the member's ActorSystem.</summary>
    public static AkkaConfigurationBuilder WithScyfiDashboard(this AkkaConfigurationBuilder b, ScyfiNodeSettings settings, DashboardSettings dashboard)
    {
        b.WithDashboardHealthChecks();
        b.WithActors((system, _, resolver) =>
        {
            var watch = resolver.GetService<ClusterWatch>();
            var log = resolver.GetService<EventLog>();
            var metrics = resolver.GetService<DashboardMetrics>();
            var probeStatus = resolver.GetService<JournalProbeStatus>();
            system.ActorOf(Props.Create(() => new ClusterObserver(watch, log, metrics)), "dashboard-observer");
            string id = JournalProbe.IdFor(Akka.Cluster.Cluster.Get(system).SelfAddress);
            // The probe stops when a write fails; the backoff supervisor starts it again, so the metric keeps coming.
            var probe = Props.Create(() => new JournalProbe(id, metrics, probeStatus, dashboard.JournalProbeInterval));
            system.ActorOf(Akka.Pattern.BackoffSupervisor.Props(Akka.Pattern.Backoff.OnStop(probe, "probe",
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1)), "dashboard-journal-probe");
        });
        return b;
    }

    /// <summary>The address Kestrel actually listens on (the port is known only after start when 0 was asked for).</summary>
    public static Uri? ListeningUrl(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() is { } a ? new Uri(a) : null;
    }

    private static async Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var h = http.Response.Headers;
        // The page loads nothing from elsewhere; it may not be framed (clickjacking on the cancel button).
        h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        h.CacheControl = "no-store";
        await next().ConfigureAwait(false);
    }
}
