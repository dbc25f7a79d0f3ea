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

    /// <summary>A new SQLite store at <paramref name="path"/> holding <paramref name="rows"/>; returns the path.</summary>
    private static string StoreWith(string path, params SweepRow[] rows)
    {
        var store = new SweepStore(StoreLocation.Parse(path));
        store.EnsureReady();
        foreach (var r in rows) store.InsertSweep(r);
        return path;
    }

    [Fact]
    public void A_running_sweep_without_a_coordinator_heartbeat_is_reported_as_interrupted()
    {
        using var dir = new TempDirectory();
        var now = DateTimeOffset.UtcNow;
        string path = StoreWith(Path.Combine(dir.Path, "s.db"),
            Row("s-live", "running", now),
            Row("s-gone", "running", now - SweepRow.HeartbeatTimeout - TimeSpan.FromMinutes(5)),
            Row("s-old-done", "completed", now.AddDays(-2)));

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

    [Fact]
    public void Status_and_export_find_the_store_through_a_config_file_or_SCYFI_STORE()
    {
        using var dir = new TempDirectory();
        string path = StoreWith(Path.Combine(dir.Path, "cluster.db"), Row("s-cfg", "completed", DateTimeOffset.UtcNow));
        // The members' config file, as `scyfi coordinator --config` reads it.
        string config = Path.Combine(dir.Path, "node.json");
        File.WriteAllText(config, $$"""{"store": {{JsonSerializer.Serialize(path)}}, "seeds": []}""");

        var viaConfig = CliRunner.Run("status", "--config", config, "--json");
        Assert.True(viaConfig.ExitCode == 0, viaConfig.ToString());
        Assert.Contains("\"s-cfg\"", viaConfig.Stdout);

        string? before = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, path);
            // Printed commands need no --store then: the variable names the store (with its credentials).
            Assert.Null(StoreLocation.Parse(null).CommandArgument);
            var viaEnv = CliRunner.Run("status", "--json");
            Assert.True(viaEnv.ExitCode == 0, viaEnv.ToString());
            Assert.Contains("\"s-cfg\"", viaEnv.Stdout);
            // The option still wins over the variable.
            var other = CliRunner.Run("status", "--store", Path.Combine(dir.Path, "other.db"), "--json");
            Assert.DoesNotContain("s-cfg", other.Stdout);

            Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, "Host=;Port=notaport");
            var bad = CliRunner.Run("status");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("scyfi: SCYFI_STORE: not a valid PostgreSQL connection string", bad.Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, before);
        }

        var missing = CliRunner.Run("export", "s-cfg", "--config", Path.Combine(dir.Path, "nope.json"), "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("config file", missing.Stderr);
    }

    [Fact]
    public void Commands_on_a_store_that_does_not_exist_say_so_and_create_nothing()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "nowhere", "s.db");

        BadInput.AssertRejected(CliRunner.Run("status", "s-x", "--store", path), "no sweep 's-x'");
        BadInput.AssertRejected(CliRunner.Run("export", "s-x", "--store", path, "--out", Path.Combine(dir.Path, "out")), "no sweep 's-x'");
        BadInput.AssertRejected(CliRunner.Run("resume", "s-x", "--store", path), "no sweep 's-x'");
        BadInput.AssertRejected(CliRunner.Run("cancel", "s-x", "--store", path), "no sweep 's-x'");
        var list = CliRunner.Run("status", "--store", path);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("no sweeps", list.Stdout);

        Assert.Equal([], Directory.GetFileSystemEntries(dir.Path));
    }
}
