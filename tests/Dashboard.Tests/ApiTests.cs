using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scyfi.Core.Sweeps;

namespace Scyfi.Dashboard.Tests;

/// <summary>The public JSON API against a running embedded node with one completed sweep.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiTests(DashboardNode node)
{
    [Fact]
    public async Task Cluster_shows_this_node_up_leading_and_hosting_the_coordinator()
    {
        var c = await node.Http.GetFromJsonAsync<JsonElement>("api/cluster");
        var members = c.GetProperty("members").EnumerateArray().ToList();
        var self = Assert.Single(members);
        Assert.Equal(c.GetProperty("self").GetString(), self.GetProperty("address").GetString());
        Assert.StartsWith("akka.tcp://scyfi@127.0.0.1:", self.GetProperty("address").GetString());
        Assert.Equal("up", self.GetProperty("status").GetString());
        Assert.True(self.GetProperty("reachable").GetBoolean());
        Assert.True(self.GetProperty("leader").GetBoolean());
        Assert.True(self.GetProperty("isSelf").GetBoolean());
        Assert.True(self.GetProperty("hostsCoordinator").GetBoolean());
        Assert.Equal(["coordinator", "worker"], self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.True(self.GetProperty("uptimeSeconds").GetDouble() > 0);
        // The coordinator runs here, so its notices give the node's tile count: every tile of the fixture's
        // sweep (and any of the cancel test's sweep, when that ran first).
        Assert.True(self.GetProperty("tilesCompleted").GetInt64() >= DashboardNode.Tiles, self.ToString());
        Assert.True(c.GetProperty("sharding").GetProperty("available").GetBoolean(), c.GetProperty("sharding").ToString());
    }

    [Fact]
    public async Task Sweeps_list_the_completed_sweep_with_its_progress()
    {
        var s = await node.WaitForDashboardAsync(DashboardNode.SweepId, "completed", CancellationToken.None);
        Assert.Equal(DashboardNode.Tiles, s.GetProperty("tilesTotal").GetInt32());
        Assert.Equal(DashboardNode.Tiles, s.GetProperty("tilesDone").GetInt32());
        Assert.Equal(DashboardNode.Points * DashboardNode.Points, s.GetProperty("pointsDone").GetInt64());
        Assert.Equal(1.0, s.GetProperty("progress").GetDouble());
        Assert.Equal(0, s.GetProperty("tilesInFlight").GetInt32());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("etaSeconds").ValueKind);
        Assert.Equal(["a_l", "a_r"], s.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray());
    }

    [Fact]
    public async Task Sweep_detail_has_the_spec_and_the_statistics()
    {
        var d = await node.Http.GetFromJsonAsync<JsonElement>($"api/sweeps/{DashboardNode.SweepId}");
        Assert.Equal(DashboardNode.SweepId, d.GetProperty("sweep").GetProperty("id").GetString());
        Assert.Equal("plrnn", d.GetProperty("spec").GetProperty("model").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, d.GetProperty("stats").ValueKind);
    }

    [Theory]
    [InlineData("api/sweeps/no-such-sweep")]
    [InlineData("api/sweeps/no-such-sweep/points")]
    [InlineData("api/sweeps/no-such-sweep/bifurcations")]
    [InlineData("api/sweeps/bad%20id%27/points")]
    public async Task Unknown_sweeps_are_404_with_a_json_error(string path)
    {
        using var r = await node.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains("no sweep", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Points_cover_the_grid_with_the_regimes_of_the_store_and_pages_continue_from_the_cursor()
    {
        var page = await node.Http.GetFromJsonAsync<JsonElement>($"api/sweeps/{DashboardNode.SweepId}/points");
        Assert.True(page.GetProperty("complete").GetBoolean());
        Assert.True(page.GetProperty("reset").GetBoolean());
        Assert.Equal(DashboardNode.Points, page.GetProperty("nx").GetInt32());
        Assert.Equal(["index", "regime", "objects", "stable", "degenerate"], page.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray());
        var names = page.GetProperty("regimes").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt32(), r => r.GetProperty("name").GetString()!);
        var points = page.GetProperty("points").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();
        Assert.Equal(DashboardNode.Points * DashboardNode.Points, points.Count);

        var stored = node.Store.ReadPoints(DashboardNode.SweepId).ToDictionary(p => p.Index);
        foreach (var p in points)
        {
            Assert.Equal(Regime.Of(stored[p[0]]), names[p[1]]);
            Assert.Equal(stored[p[0]].Objects.Length, p[2]);
        }
        // Regime counts add up to the grid, and the legend's colours are CSS hex colours.
        Assert.Equal(points.Count, page.GetProperty("regimes").EnumerateArray().Sum(r => r.GetProperty("points").GetInt32()));
        Assert.All(page.GetProperty("regimes").EnumerateArray(), r => Assert.Matches("^#[0-9A-F]{6}$", r.GetProperty("colour").GetString()));

        int cursor = page.GetProperty("cursor").GetInt32(), generation = page.GetProperty("generation").GetInt32();
        var next = await node.Http.GetFromJsonAsync<JsonElement>($"api/sweeps/{DashboardNode.SweepId}/points?after={cursor}&generation={generation}");
        Assert.False(next.GetProperty("reset").GetBoolean());
        Assert.Equal(0, next.GetProperty("points").GetArrayLength());
        var stale = await node.Http.GetFromJsonAsync<JsonElement>($"api/sweeps/{DashboardNode.SweepId}/points?after={cursor}&generation={generation + 7}");
        Assert.True(stale.GetProperty("reset").GetBoolean());
        Assert.Equal(points.Count, stale.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task Bifurcations_are_those_of_the_store()
    {
        var b = await node.Http.GetFromJsonAsync<JsonElement>($"api/sweeps/{DashboardNode.SweepId}/bifurcations");
        Assert.True(b.GetProperty("available").GetBoolean());
        var stored = node.Store.ReadBifurcations(DashboardNode.SweepId);
        Assert.NotEmpty(stored);
        var list = b.GetProperty("bifurcations").EnumerateArray().ToList();
        Assert.Equal(stored.Count, list.Count);
        Assert.Equal(stored.Select(x => x.Type), list.Select(x => x.GetProperty("type").GetString()));
        Assert.Equal(stored[0].At["a_l"], list[0].GetProperty("at").GetProperty("a_l").GetDouble());
    }

    [Fact]
    public async Task Recent_events_tell_the_start_and_the_sweep_from_submission_to_completion()
    {
        var doc = await node.Http.GetFromJsonAsync<JsonElement>("api/events/recent");
        var kinds = doc.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("dashboard-started", kinds);
        Assert.Contains("sweep-submitted", kinds);
        Assert.Contains("sweep-completed", kinds);
        var seqs = doc.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        var after = await node.Http.GetFromJsonAsync<JsonElement>($"api/events/recent?after={seqs[^1]}");
        Assert.True(after.GetProperty("events").EnumerateArray().All(e => e.GetProperty("seq").GetInt64() > seqs[^1]));
    }

    [Fact]
    public async Task Event_stream_sends_cluster_sweeps_and_events_as_server_sent_events()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events");
        using var r = await node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", r.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await r.Content.ReadAsStreamAsync(cts.Token));
        var seen = new HashSet<string>();
        string? lastData = null;
        while (seen.Count < 3)
        {
            string line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal)) seen.Add(line["event: ".Length..]);
            if (line.StartsWith("data: ", StringComparison.Ordinal)) lastData = line["data: ".Length..];
            if (seen.Contains("cluster") && seen.Contains("sweeps") && seen.Contains("event")) break;
        }
        Assert.Superset(new HashSet<string> { "cluster", "sweeps", "event" }, seen);
        Assert.NotNull(lastData);
        JsonDocument.Parse(lastData).Dispose();   // every data line is one JSON document
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_with_a_strict_content_security_policy()
    {
        using var page = await node.Http.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<canvas id=\"map\"", html);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        foreach (var (path, type) in new[] { ("dashboard.js", "text/javascript"), ("dashboard.css", "text/css") })
        {
            using var asset = await node.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
        }
        var index = await node.Http.GetFromJsonAsync<JsonElement>("api");
        Assert.Contains("GET /api/cluster", index.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
    }
}
