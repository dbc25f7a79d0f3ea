using System.Net.Http.Json;
using System.Text.Json;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Dashboard;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Dashboard.Tests;

/// <summary>
/// One embedded Scyfi node (coordinator and worker roles, SQLite in a temporary directory) running
/// in this process with the dashboard on a free loopback port and an action token, and one small
/// sweep (31² points in 16 tiles) run to completion through it before the tests start: the API,
/// health and metrics tests read a real cluster, a real journal and real results.
/// </summary>
public sealed class DashboardNode : IAsyncLifetime
{
    public const string Token = "test-token-0123456789";
    public const string SweepId = "dash-small";
    public const int Points = 31;
    public const int Tile = 8;
    /// <summary>Tiles of the fixture's sweep: ⌈31/8⌉² = 16.</summary>
    public const int Tiles = 16;

    private readonly TempDirectory _dir = new();

    public SweepStore Store { get; private set; } = null!;
    public ScyfiNode Node { get; private set; } = null!;
    public Uri Url { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SweepStore(StoreLocation.Parse(_dir.File("scyfi.db")));
        Store.EnsureReady();
        var settings = new ScyfiNodeSettings
        {
            Roles = [ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole],
            JournalConnectionString = Store.Location.ConnectionString,
            JournalProvider = Store.Location.AkkaProviderName,
        };
        // Fast polls and probes: the tests wait for what the dashboard observes, not for the defaults.
        var dashboard = DashboardSettings.Parse("http://127.0.0.1:0", Token) with
        {
            PollInterval = TimeSpan.FromMilliseconds(300),
            JournalProbeInterval = TimeSpan.FromSeconds(1),
        };
        Node = await ScyfiNode.StartAsync(settings, Store, dashboard: dashboard, joinTimeout: TimeSpan.FromSeconds(60));
        Url = Node.DashboardUrl ?? throw new InvalidOperationException("the node has no dashboard address");
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await SubmitAsync(SweepId, Points, Tile, timeout.Token);
        var final = await SweepSession.WaitAsync(Node.Coordinator, SweepId, _ => { }, timeout.Token);
        if (final.State != "completed") throw new InvalidOperationException($"the fixture's sweep ended {final.State}: {final.Message}");
        await WaitForDashboardAsync(SweepId, "completed", timeout.Token);
    }

    /// <summary>Submits a one-switch sweep of points² grid points.</summary>
    public Task SubmitAsync(string id, int points, int tile, CancellationToken ct) =>
        SweepSession.SubmitAsync(Node.Coordinator, new SubmitSweep(id, SweepSpec.Parse(SweepSpecs.OneSwitch(points, tile)).ToJson(), "edges", 4, 2), ct);

    /// <summary>Waits until /api/sweeps shows the sweep in the state.</summary>
    public async Task<JsonElement> WaitForDashboardAsync(string id, string state, CancellationToken ct)
    {
        while (true)
        {
            var doc = await Http.GetFromJsonAsync<JsonElement>("api/sweeps", ct);
            foreach (var s in doc.GetProperty("sweeps").EnumerateArray())
                if (s.GetProperty("id").GetString() == id && s.GetProperty("state").GetString() == state) return s;
            await Task.Delay(200, ct);
        }
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Node is not null) await Node.DisposeAsync();
        _dir.Dispose();
    }
}
