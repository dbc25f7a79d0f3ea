using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Body of /healthz/live and /healthz/ready: the overall status and each check's, so that an
/// operator sees which part is not ready. The status code is what probes read (200, or 503 when unhealthy).
/// </summary>
internal static class HealthJson
{
    public static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                durationMs = e.Value.Duration.TotalMilliseconds,
                tags = e.Value.Tags,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, DashboardJson.Options));
    }
}
