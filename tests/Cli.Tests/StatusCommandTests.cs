using System.Text.Json;
using Scyfi.Coordinator.Store;

namespace Scyfi.Cli.Tests;

/// <summary>
/// <c>scyfi status</c> reads the store without a cluster. A sweep left "running" by a coordinator
/// that is gone (Ctrl-C, crash) must not look like it is being computed.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class StatusCommandTests
{
    private static SweepRow Row(string id, string state, DateTimeOffset updated) =>
        new(id, "{}", "edges", 4, state, 10, 4, 5, 160, 64, 1, null, null, updated.AddMinutes(-1), updated);

    [Fact]
    public void A_running_sweep_without_a_coordinator_heartbeat_is_reported_as_interrupted()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "s.db");
        var store = new SweepStore(StoreLocation.Parse(path));
        store.EnsureReady();
        var now = DateTimeOffset.UtcNow;
        store.InsertSweep(Row("s-live", "running", now));
        store.InsertSweep(Row("s-gone", "running", now - SweepRow.HeartbeatTimeout - TimeSpan.FromMinutes(5)));
        store.InsertSweep(Row("s-old-done", "completed", now.AddDays(-2)));

        var json = CliRunner.Run("status", "--store", path, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var sweeps = doc.RootElement.GetProperty("sweeps").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        // The state keeps its documented values; "interrupted" says whether anyone is computing it.
        Assert.Equal("running", sweeps["s-gone"].GetProperty("state").GetString());
        Assert.True(sweeps["s-gone"].GetProperty("interrupted").GetBoolean());
        Assert.False(sweeps["s-live"].GetProperty("interrupted").GetBoolean());
        Assert.False(sweeps["s-old-done"].GetProperty("interrupted").GetBoolean());

        var table = CliRunner.Run("status", "--store", path);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("interrupted", table.Stdout);
        Assert.Contains("scyfi resume s-gone", table.Stdout);
        Assert.DoesNotContain("scyfi resume s-live", table.Stdout);
    }
}
