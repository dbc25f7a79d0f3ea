using System.Text.Json;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// A store written by an earlier version holds one row per grid point (JSON) in
/// <c>scyfi_points</c>. Opening it moves every point into batches by tile of its sweep and drops
/// the old table: the sweep reads back the same points, by tile too, and a tile stored whole
/// counts as complete for the live map.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LegacyPointRowsTests
{
    [Fact]
    public void Sqlite_store_moves_point_rows_into_batches()
    {
        using var dir = new TempDirectory();
        Check(new SweepStore(StoreLocation.Parse(dir.File("s.db"))));
    }

    [Fact]
    public async Task Postgres_store_moves_point_rows_into_batches()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        Check(new SweepStore(StoreLocation.Parse(db.Url)));
    }

    private static void Check(SweepStore store)
    {
        store.EnsureReady();
        var spec = SweepSpec.Parse(SweepSpecs.OneSwitch(points: 10, tile: 4));
        var grid = new SweepGrid(spec);
        store.InsertSweep(new SweepRow("old", spec.ToJson(), "none", 4, "running", grid.TileCount, 0, 0, grid.PointCount, 0, 0, null, null,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        // Tiles 0 and 1 whole, tile 2 in part; and a point of a sweep with no row.
        var points = grid.TilePoints(0).Concat(grid.TilePoints(1)).Concat(grid.TilePoints(2).Take(5))
            .Select(i => new PointResult(i, [], 0, 1000 + i)).ToList();
        using (var c = store.Open())
        {
            Execute(c, "CREATE TABLE scyfi_points (sweep_id TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (sweep_id, idx))");
            foreach (var (sweep, p) in points.Select(p => ("old", p)).Append(("orphan", new PointResult(7, [], 0, 7))))
                Execute(c, $"INSERT INTO scyfi_points VALUES ('{sweep}', {p.Index}, '{JsonSerializer.Serialize(p, ScyfiJsonSerializer.Options)}')");
        }

        store.EnsureReady();

        Assert.Equal(points.OrderBy(p => p.Index).Select(p => (p.Index, p.Candidates)), store.ReadPoints("old").Select(p => (p.Index, p.Candidates)));
        Assert.Equal(grid.TilePoints(1).Order(), store.ReadTilePoints("old", 1).Select(p => p.Index));
        var lastPoint = Enumerable.Range(0, grid.TileCount).ToDictionary(t => t, t => grid.TilePoints(t)[^1]);
        Assert.Equal([0, 1], store.CompletedTiles("old", lastPoint).Order());
        Assert.Equal([7L], store.ReadPoints("orphan").Select(p => p.Candidates));
        using (var c = store.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT count(*) FROM scyfi_points";
            Assert.ThrowsAny<System.Data.Common.DbException>(() => cmd.ExecuteScalar());
        }
        store.EnsureReady();   // nothing left to move
        Assert.Equal(points.Count, store.ReadPoints("old").Count());
    }

    private static void Execute(System.Data.Common.DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
