using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// Point batches on both stores: a tile's checkpoints, a batch that meets stored points (a
/// resumed tile, the analysis writing continued points) and a rewrite of the same points read
/// back as exactly one result per point, the newest; reads by tile and the completed-tile check
/// the dashboard polls see exactly their tiles, none of another sweep's.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PointWriteTests
{
    [Fact]
    public void Sqlite_store_reads_one_result_per_point_the_newest()
    {
        using var dir = new TempDirectory();
        Check(new SweepStore(StoreLocation.Parse(dir.File("s.db"))));
    }

    [Fact]
    public async Task Postgres_store_reads_one_result_per_point_the_newest()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        Check(new SweepStore(StoreLocation.Parse(db.Url)));
    }

    // Candidates stand for the content: a point written again carries another count.
    private static PointResult Point(int index, long candidates) => new(index, [], 0, candidates);

    private static (int, long) Content(PointResult p) => (p.Index, p.Candidates);

    private static PointResult[] Range(int from, int count, long candidates) =>
        [.. Enumerable.Range(from, count).Select(i => Point(i, candidates))];

    private static void Check(SweepStore store)
    {
        store.EnsureReady();
        // Tiles of 100 points: tile 0 holds 0..99, tile 1 holds 100..199.
        static int TileOf(int index) => index / 100;

        store.WritePoints("a", 0, Range(0, 60, 1));                    // tile 0's first checkpoint
        store.WritePoints("a", 0, Range(60, 40, 1));                   // and its last
        store.WritePoints("a", 1, Range(100, 50, 2));                  // tile 1, part of it
        store.WritePoints("a", Range(40, 20, 3), TileOf);              // tile 0 again in part (a resumed tile)
        store.WritePoints("a", Range(90, 20, 4), TileOf);              // the analysis: points of both tiles
        store.WritePoints("b", 0, Range(0, 10, 5));                    // another sweep, same indices

        var a = store.ReadPoints("a").ToList();
        Assert.Equal(Enumerable.Range(0, 150), a.Select(p => p.Index));
        Assert.All(a, p => Assert.Equal(p.Index switch { < 40 => 1, < 60 => 3, < 90 => 1, < 110 => 4, _ => 2 }, p.Candidates));
        Assert.All(store.ReadPoints("b"), p => Assert.Equal(5, p.Candidates));
        Assert.Empty(store.ReadPoints("c"));

        Assert.Equal(a.Where(p => p.Index >= 100).Select(Content), store.ReadTilePoints("a", 1).Select(Content));
        Assert.Equal(a.Where(p => p.Index is 5 or 105).Select(Content), store.ReadTilePoints("a", [0, 1, 7], i => i is 5 or 105).Select(Content));
        Assert.Empty(store.ReadTilePoints("a", []));

        // Tile 0's last point is 99: its last checkpoint ends with it. Tile 1's (199) is not stored.
        // More tiles than one statement's chunk of 500, most of them never written.
        var lastPoint = Enumerable.Range(0, 1300).ToDictionary(t => t, t => 100 * t + 99);
        Assert.Equal([0], store.CompletedTiles("a", lastPoint));
        Assert.Empty(store.CompletedTiles("c", lastPoint));
        Assert.Empty(store.CompletedTiles("a", new Dictionary<int, int>()));
    }
}
