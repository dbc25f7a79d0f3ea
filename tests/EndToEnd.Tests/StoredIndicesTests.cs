using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// <see cref="SweepStore.StoredIndices"/>, which the dashboard's live map polls, on both stores:
/// exactly the asked indices that the sweep has stored, none of another sweep's.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoredIndicesTests
{
    [Fact]
    public void Sqlite_store_finds_exactly_the_stored_indices()
    {
        using var dir = new TempDirectory();
        Check(new SweepStore(StoreLocation.Parse(dir.File("s.db"))));
    }

    [Fact]
    public async Task Postgres_store_finds_exactly_the_stored_indices()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        Check(new SweepStore(StoreLocation.Parse(db.Url)));
    }

    private static void Check(SweepStore store)
    {
        store.EnsureReady();
        store.WritePoints("a", [.. Enumerable.Range(0, 1200).Where(i => i % 3 == 0).Select(Point)]);
        store.WritePoints("b", [.. Enumerable.Range(0, 1200).Select(Point)]);
        // More than one SQLite chunk of 500, and indices that were never written.
        int[] asked = [.. Enumerable.Range(0, 1300)];

        var found = store.StoredIndices("a", asked);

        Assert.Equal(Enumerable.Range(0, 1200).Where(i => i % 3 == 0).ToHashSet(), found);
        Assert.Empty(store.StoredIndices("a", []));
        Assert.Empty(store.StoredIndices("c", asked));
    }

    private static PointResult Point(int index) => new(index, [], 0, index);
}
