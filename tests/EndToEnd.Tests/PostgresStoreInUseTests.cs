using Npgsql;
using Scyfi.Coordinator.Store;
using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// An embedded <c>scyfi sweep</c> on a PostgreSQL store that another scyfi process uses (a
/// cluster's members) would be a second sweep coordinator on the cluster's journal: it is refused.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostgresStoreInUseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_embedded_sweep_on_a_store_a_cluster_uses_is_refused_and_runs_once_the_cluster_is_gone()
    {
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        await using var db = await PostgresDatabase.CreateAsync();
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(points: 5, tile: 5));

        // A session as a cluster member's: another host's scyfi process.
        var member = new NpgsqlConnectionStringBuilder(StoreLocation.Parse(db.Url).ConnectionString) { ApplicationName = "scyfi other-host:4242", Pooling = false };
        await using (var session = new NpgsqlConnection(member.ConnectionString))
        {
            await session.OpenAsync();
            var refused = procs.Start("refused", "sweep", spec, "--out", dir.File("refused"), "--store", db.Url);
            int code = await refused.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(code == 2, refused.Describe());
            string line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("scyfi: ", line, StringComparison.Ordinal);
            Assert.Contains("in use by another scyfi process (scyfi other-host:4242)", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dir.File("refused")));
        }

        var ran = procs.Start("ran", "sweep", spec, "--out", dir.File("ran"), "--store", db.Url);
        int exit = await ran.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, ran.Describe());
        Assert.True(File.Exists(Path.Combine(dir.File("ran"), "points.csv")));
    }
}
