using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Scyfi.Coordinator.Dashboard;

namespace Scyfi.Dashboard.Tests;

/// <summary>The one action, cancel: only with the token given at start; read-only without one.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ActionTests(DashboardNode node)
{
    [Fact]
    public async Task Cancel_without_a_token_is_401_and_says_how()
    {
        using var r = await node.Http.PostAsync($"api/sweeps/{DashboardNode.SweepId}/cancel", null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("Bearer", r.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Bearer", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Cancel_with_a_wrong_token_is_403()
    {
        using var r = await PostCancelAsync(DashboardNode.SweepId, "not-the-token-at-all");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task Cancel_of_an_unknown_sweep_is_404()
    {
        using var r = await PostCancelAsync("no-such-sweep", DashboardNode.Token);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Fact]
    public async Task Cancel_with_the_token_stops_a_running_sweep()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // 61² points in tiles of 4²: 256 tiles, still running when the cancel comes.
        await node.SubmitAsync("dash-cancel", 61, 4, timeout.Token);
        await node.WaitForDashboardAsync("dash-cancel", "running", timeout.Token);

        using var r = await PostCancelAsync("dash-cancel", DashboardNode.Token);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(r.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("cancelled", body.GetProperty("state").GetString());

        var seen = await node.WaitForDashboardAsync("dash-cancel", "cancelled", timeout.Token);
        Assert.True(seen.GetProperty("tilesDone").GetInt32() < seen.GetProperty("tilesTotal").GetInt32());
        var events = await node.Http.GetFromJsonAsync<JsonElement>("api/events/recent", timeout.Token);
        Assert.Contains(events.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "sweep-cancel-requested");
    }

    [Fact]
    public void A_dashboard_without_a_token_refuses_every_action_with_403()
    {
        var readOnly = DashboardSettings.Parse("http://127.0.0.1:0", token: null);
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {DashboardNode.Token}";
        var refusal = ActionGuard.Check(http, readOnly);
        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(refusal);
        Assert.Equal(StatusCodes.Status403Forbidden, status.StatusCode);
        Assert.Null(ActionGuard.Check(http, DashboardSettings.Parse("http://127.0.0.1:0", DashboardNode.Token)));
    }

    private async Task<HttpResponseMessage> PostCancelAsync(string id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/sweeps/{id}/cancel");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await node.Http.SendAsync(request);
    }
}
