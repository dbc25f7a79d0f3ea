using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scyfi.Dashboard.Tests;

/// <summary>/healthz/live and /healthz/ready of a running embedded node.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HealthTests(DashboardNode node)
{
    [Fact]
    public async Task Live_is_healthy_while_the_actor_system_runs()
    {
        var (code, body) = await GetAsync("healthz/live");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["akka.actorsystem"], Checks(body).Keys.ToArray());
    }

    [Fact]
    public async Task Ready_checks_the_cluster_join_the_journal_and_the_store()
    {
        var (code, body) = await GetAsync("healthz/ready");
        Assert.True(code == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = Checks(body);
        foreach (var name in new[] { "akka.actorsystem", "akka.cluster.join", "akka-persistence-journal", "journal-write", "store" })
            Assert.True(checks.TryGetValue(name, out var status) && status == "Healthy", $"{name}: {body}");
    }

    private async Task<(HttpStatusCode, JsonElement)> GetAsync(string path)
    {
        using var r = await node.Http.GetAsync(path);
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Dictionary<string, string> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
}
