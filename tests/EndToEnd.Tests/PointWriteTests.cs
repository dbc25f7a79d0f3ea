using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// Point writes on both stores: new points, a batch that meets stored points (a resumed tile, the
/// analysis writing continued points) and a rewrite of the same points all leave exactly one row
/// per point, holding the last write.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PointWriteTests
{
    [Fact]
    public void Sqlite_store_keeps_one_row_per_point_with_the_last_write()
    {
        using var dir = new TempDirectory();
        Check(new SweepStore(StoreLocation.Parse(dir.File("s.db"))));
    }

    [Fact]
    public async Task Postgres_store_keeps_one_row_per_point_with_the_last_write()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        Check(new SweepStore(StoreLocation.Parse(db.Url)));
    }

    private static void Check(SweepStore store)
    {
        store.EnsureReady();
        // Candidates stand for the content: a point written again carries another count.
        static PointResult Point(int index, long candidates) => new(index, [], 0, candidates);

        store.WritePoints("a", Enumerable.Range(0, 100).Select(i => Point(i, 1)));
        store.WritePoints("a", Enumerable.Range(50, 100).Select(i => Point(i, 2)));   // half stored, half new
        store.WritePoints("a", Enumerable.Range(0, 10).Select(i => Point(i, 3)));     // all stored
        store.WritePoints("b", Enumerable.Range(0, 10).Select(i => Point(i, 4)));     // another sweep, same indices

        var a = store.ReadPoints("a").ToList();
        Assert.Equal(Enumerable.Range(0, 150), a.Select(p => p.Index));
        Assert.All(a, p => Assert.Equal(p.Index < 10 ? 3 : p.Index < 50 ? 1 : 2, p.Candidates));
        Assert.All(store.ReadPoints("b"), p => Assert.Equal(4, p.Candidates));
    }
}
