using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The routes of the dashboard. Everything under /api is public JSON, documented in
/// docs/operations.md; GETs read the latest poll or the store, and the one action (cancel) needs
/// the token.
/// </summary>
internal static partial class DashboardEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/", () => DashboardAssets.Serve("index.html"));
        e.MapGet("/dashboard.css", () => DashboardAssets.Serve("dashboard.css"));
        e.MapGet("/dashboard.js", () => DashboardAssets.Serve("dashboard.js"));

        e.MapGet("/api", () => Results.Json(new
        {
            endpoints = new[]
            {
                "GET /api/cluster", "GET /api/sweeps", "GET /api/sweeps/{id}", "GET /api/sweeps/{id}/points?after=&generation=",
                "GET /api/sweeps/{id}/bifurcations", "POST /api/sweeps/{id}/cancel (Authorization: Bearer TOKEN)",
                "GET /api/events (text/event-stream)", "GET /api/events/recent?after=", "GET /healthz/live", "GET /healthz/ready", "GET /metrics",
            },
            docs = "docs/operations.md",
        }, DashboardJson.Options));
        e.MapGet("/api/cluster", (DashboardHub hub) => hub.Current.Cluster is null
            ? Unavailable("the first poll has not finished yet")
            : Results.Text(hub.Current.ClusterJson, "application/json"));
        e.MapGet("/api/sweeps", (DashboardHub hub) => Results.Text(hub.Current.SweepsJson, "application/json"));
        e.MapGet("/api/sweeps/{id}", Sweep);
        e.MapGet("/api/sweeps/{id}/points", Points);
        e.MapGet("/api/sweeps/{id}/bifurcations", Bifurcations);
        e.MapPost("/api/sweeps/{id}/cancel", CancelAsync);
        e.MapGet("/api/events", (HttpContext http, DashboardHub hub, IHostApplicationLifetime life) =>
        {
            long? last = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out long l) ? l : null;
            // Streams end when the node stops, or they would hold its shutdown for Kestrel's whole grace period.
            var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, life.ApplicationStopping);
            http.Response.RegisterForDispose(stop);
            http.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(EventStream.Items(hub, last, stop.Token));
        });
        e.MapGet("/api/events/recent", (DashboardHub hub, long? after) => Results.Json(new { events = hub.Log.After(after ?? 0) }, DashboardJson.Options));

        e.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(DashboardHealthChecks.Live), ResponseWriter = HealthJson.Write });
        e.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(DashboardHealthChecks.Ready), ResponseWriter = HealthJson.Write });
        e.MapMetrics("/metrics", e.ServiceProvider.GetRequiredService<DashboardMetrics>().Registry);
    }

    private static IResult Sweep(string id, DashboardHub hub, SweepStore store)
    {
        if (!ValidId().IsMatch(id)) return NotFound(id);
        var row = store.GetSweep(id);
        if (row is null) return NotFound(id);
        var view = hub.Current.Sweeps.FirstOrDefault(s => s.Id == id) ?? SweepsObserver.Stored(row);
        return Results.Json(new SweepDetail(view, JsonNode.Parse(row.SpecJson), row.StatsJson is null ? null : JsonNode.Parse(row.StatsJson)), DashboardJson.Options);
    }

    private static IResult Points(string id, int? after, int? generation, PointsCatalog catalog)
    {
        if (!ValidId().IsMatch(id)) return NotFound(id);
        var map = catalog.Get(id);
        return map is null ? NotFound(id) : Results.Json(map.Page(after, generation), DashboardJson.Options);
    }

    private static IResult Bifurcations(string id, SweepStore store)
    {
        if (!ValidId().IsMatch(id)) return NotFound(id);
        var row = store.GetSweep(id);
        if (row is null) return NotFound(id);
        var axes = SweepsObserver.Stored(row).Axes;
        return Results.Json(new BifurcationsView(id, row.State == "completed", axes, store.ReadBifurcations(id)), DashboardJson.Options);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, DashboardSettings settings, IServiceProvider services, DashboardHub hub)
    {
        if (ActionGuard.Check(http, settings) is { } refused) return refused;
        if (!ValidId().IsMatch(id)) return NotFound(id);
        var coordinator = services.GetRequiredService<IActorRegistry>().Get<SweepCoordinatorKey>();
        SweepCommandAck ack;
        try
        {
            ack = await coordinator.Ask<SweepCommandAck>(new CancelSweep(id), AskTimeout, http.RequestAborted).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return Unavailable("the coordinator did not answer (a failover may be under way); try again");
        }
        if (ack.State == "unknown") return NotFound(id);
        hub.Log.Add("sweep-cancel-requested", $"cancel of sweep {id} requested through the dashboard from {http.Connection.RemoteIpAddress}: now {ack.State}", sweep: id);
        return Results.Json(new { sweep = id, state = ack.State }, DashboardJson.Options);
    }

    private static IResult NotFound(string id) => Results.Json(new { error = $"no sweep '{id}'" }, DashboardJson.Options, statusCode: StatusCodes.Status404NotFound);

    private static IResult Unavailable(string why) => Results.Json(new { error = why }, DashboardJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>Sweep ids as the command line allows them.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidId();
}
