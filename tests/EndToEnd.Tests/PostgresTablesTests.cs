using Npgsql;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// On PostgreSQL, Scyfi's journal and sharding's keep every table apart, the tag tables too. When
/// both plugins created one table named <c>tags</c>, a new database now and then saw both create
/// it at once, and the journal's initialization failed with PostgreSQL's duplicate-key error.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostgresTablesTests
{
    [Fact]
    public async Task Scyfis_journal_and_shardings_each_create_their_own_tag_table()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var location = StoreLocation.Parse(db.Url);
        var store = new SweepStore(location);
        store.EnsureReady();
        var settings = new ScyfiNodeSettings { JournalConnectionString = location.ConnectionString, JournalProvider = location.AkkaProviderName };
        await using (await ScyfiNode.StartAsync(settings, store))
        {
            // Both journals initialize as the member starts (the coordinator's and sharding's actors recover).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Tables(location).IsSupersetOf(["tags", "sharding_tags"]) && DateTime.UtcNow < deadline)
                await Task.Delay(200);
        }
        var tables = Tables(location);
        Assert.Contains("tags", tables);
        Assert.Contains("sharding_tags", tables);
        Assert.Contains("event_journal", tables);
        Assert.Contains("sharding_journal", tables);
    }

    private static HashSet<string> Tables(StoreLocation location)
    {
        using var c = new NpgsqlConnection(location.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", c);
        using var r = cmd.ExecuteReader();
        var names = new HashSet<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }
}
