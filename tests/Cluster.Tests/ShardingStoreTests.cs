namespace Scyfi.Cluster.Tests;

/// <summary>Where sharding's state goes on SQLite: next to the store, in its own file.</summary>
public sealed class ShardingStoreTests
{
    [Theory]
    [InlineData("Data Source=/data/scyfi.db", "/data/scyfi.sharding.db")]
    [InlineData("Data Source=/data/runs/store", "/data/runs/store.sharding.db")]
    [InlineData("DataSource=/x/a.sqlite;Cache=Shared", "/x/a.sharding.sqlite")]
    public void Sqlite_sharding_state_goes_to_a_sibling_file(string journal, string expected)
    {
        var s = new Scyfi.AnalysisNode.ScyfiNodeSettings { JournalConnectionString = journal, JournalProvider = "SQLite.MS" };
        var b = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = s.ShardingConnectionString };
        Assert.Equal(expected, (string)(b.TryGetValue("Data Source", out var v) ? v : b["DataSource"]));
        if (journal.Contains("Cache=Shared")) Assert.Equal("Shared", (string)b["Cache"]);
    }

    [Fact]
    public void Postgres_sharding_state_shares_the_database()
    {
        const string pg = "Host=127.0.0.1;Database=scyfi;Username=scyfi";
        var s = new Scyfi.AnalysisNode.ScyfiNodeSettings { JournalConnectionString = pg, JournalProvider = "PostgreSQL15" };
        Assert.Equal(pg, s.ShardingConnectionString);
    }
}
