using LinqToDB.Data;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// Every connection to an SQLite store waits for another writer's lock inside SQLite (busy
/// timeout) instead of failing busy and being retried by Microsoft.Data.Sqlite after a 150 ms
/// sleep, and writes ahead with synchronous=NORMAL: the result store's own connections, and the
/// journal, snapshot and sharding connections Akka.NET opens with the options Scyfi hands to its
/// SQL plugins.
/// </summary>
public sealed class SqliteConnectionPragmasTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scyfi-busy-").FullName;

    [Fact]
    public void Akka_journal_and_snapshot_connections_open_with_the_pragmas_on_both_files()
    {
        var store = StoreLocation.Parse(Path.Combine(_dir, "scyfi.db"));
        var s = new ScyfiNodeSettings { JournalConnectionString = store.ConnectionString, JournalProvider = store.AkkaProviderName };
        foreach (bool isDefault in new[] { true, false })
        {
            var journal = ScyfiAkkaSetup.Journal(s, isDefault).DataOptions;
            var snapshots = ScyfiAkkaSetup.Snapshots(s, isDefault).DataOptions;
            Assert.NotNull(journal);
            Assert.NotNull(snapshots);
            AssertPragmas(journal);
            AssertPragmas(snapshots);
        }
        // Sharding's connections go to its own file, the journal's to the store.
        Assert.True(File.Exists(Path.Combine(_dir, "scyfi.db")));
        Assert.True(File.Exists(Path.Combine(_dir, "scyfi.sharding.db")));
    }

    [Fact]
    public void The_result_store_opens_its_connections_with_the_pragmas()
    {
        var store = new SweepStore(StoreLocation.Parse(Path.Combine(_dir, "scyfi.db")));
        store.EnsureReady();
        using var c = store.Open();
        AssertPragmas(c);
    }

    [Fact]
    public void PostgreSQL_keeps_the_plugins_own_connection_options()
    {
        var s = new ScyfiNodeSettings { JournalConnectionString = "Host=127.0.0.1;Database=scyfi;Username=scyfi", JournalProvider = "PostgreSQL15" };
        Assert.Null(ScyfiAkkaSetup.Journal(s, isDefault: true).DataOptions);
        Assert.Null(ScyfiAkkaSetup.Snapshots(s, isDefault: false).DataOptions);
    }

    private static void AssertPragmas(LinqToDB.DataOptions options)
    {
        using var db = new DataConnection(options);
        AssertPragmas(db.OpenDbConnection());
    }

    private static void AssertPragmas(System.Data.Common.DbConnection c)
    {
        string Read(string pragma)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA " + pragma;
            return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        Assert.Equal("60000", Read("busy_timeout"));
        Assert.Equal("wal", Read("journal_mode"));
        Assert.Equal("1", Read("synchronous")); // NORMAL
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
