using LinqToDB.Data;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// Every connection to an SQLite store waits for another writer's lock inside SQLite (busy
/// timeout) instead of failing busy and being retried by Microsoft.Data.Sqlite after a 150 ms
/// sleep: the result store's own connections, and the journal, snapshot and sharding connections
/// Akka.NET opens with the options Scyfi hands to its SQL plugins.
/// </summary>
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scyfi-busy-").FullName;

    [Fact]
    public void Akka_journal_and_snapshot_connections_open_with_the_busy_timeout_on_both_files()
    {
        var store = StoreLocation.Parse(Path.Combine(_dir, "scyfi.db"));
        var s = new ScyfiNodeSettings { JournalConnectionString = store.ConnectionString, JournalProvider = store.AkkaProviderName };
        foreach (bool isDefault in new[] { true, false })
        {
            var journal = ScyfiAkkaSetup.Journal(s, isDefault).DataOptions;
            var snapshots = ScyfiAkkaSetup.Snapshots(s, isDefault).DataOptions;
            Assert.NotNull(journal);
            Assert.NotNull(snapshots);
            Assert.Equal(60000L, BusyTimeout(journal));
            Assert.Equal(60000L, BusyTimeout(snapshots));
        }
        // Sharding's connections go to its own file, the journal's to the store.
        Assert.True(File.Exists(Path.Combine(_dir, "scyfi.db")));
        Assert.True(File.Exists(Path.Combine(_dir, "scyfi.sharding.db")));
    }

    [Fact]
    public void The_result_store_opens_its_connections_with_the_busy_timeout()
    {
        var store = new SweepStore(StoreLocation.Parse(Path.Combine(_dir, "scyfi.db")));
        store.EnsureReady();
        using var c = store.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(60000L, Convert.ToInt64(cmd.ExecuteScalar()));
    }

    [Fact]
    public void PostgreSQL_keeps_the_plugins_own_connection_options()
    {
        var s = new ScyfiNodeSettings { JournalConnectionString = "Host=127.0.0.1;Database=scyfi;Username=scyfi", JournalProvider = "PostgreSQL15" };
        Assert.Null(ScyfiAkkaSetup.Journal(s, isDefault: true).DataOptions);
        Assert.Null(ScyfiAkkaSetup.Snapshots(s, isDefault: false).DataOptions);
    }

    private static long BusyTimeout(LinqToDB.DataOptions options)
    {
        using var db = new DataConnection(options);
        using var cmd = db.OpenDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
