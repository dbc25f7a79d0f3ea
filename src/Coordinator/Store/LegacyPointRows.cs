using System.Data.Common;
using System.Text.Json;
using Scyfi.Core;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Store;

/// <summary>
/// Stores written before 2026-11-30 kept one row per grid point in <c>scyfi_points</c> (JSON).
/// The first member or command that opens such a store moves the points into batches, a batch
/// per tile of each sweep, and drops the old table, in the transaction that checks the schema:
/// a sweep in progress resumes on the moved points, and nothing is half moved.
/// </summary>
internal static class LegacyPointRows
{
    private const string Table = "scyfi_points";

    public static void Migrate(SweepStore store, DbConnection c, DbTransaction tx)
    {
        if (!store.TableExists(c, tx, Table)) return;
        // One sweep at a time: a store may hold many sweeps, and one sweep's points is what an
        // analysis holds in memory anyway.
        var sweeps = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT DISTINCT sweep_id FROM {Table}";
            using var r = cmd.ExecuteReader();
            while (r.Read()) sweeps.Add(r.GetString(0));
        }
        foreach (string sweep in sweeps)
        {
            var points = new List<PointResult>();
            using (var cmd = c.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = $"SELECT data FROM {Table} WHERE sweep_id = @s ORDER BY idx";
                SweepStore.AddParameter(cmd, "s", sweep);
                using var r = cmd.ExecuteReader();
                while (r.Read()) points.Add(JsonSerializer.Deserialize<PointResult>(r.GetString(0), ScyfiJsonSerializer.Options)!);
            }
            var tileOf = TileOf(c, tx, sweep);
            // Within a tile, in the order the tile computes its points (raster order within
            // the tile, which index order is), so the tile's last point ends its batch.
            foreach (var g in points.GroupBy(p => tileOf(p.Index)))
                store.InsertBatch(c, tx, sweep, g.Key, g.ToList());
        }
        SweepStore.Execute(c, tx, $"DROP TABLE {Table}");
    }

    /// <summary>The sweep's tiling, from its stored spec; tile -1 for points of a sweep without one.</summary>
    private static Func<int, int> TileOf(DbConnection c, DbTransaction tx, string sweepId)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT spec FROM scyfi_sweeps WHERE id = @id";
        SweepStore.AddParameter(cmd, "id", sweepId);
        if (cmd.ExecuteScalar() is not string spec) return _ => -1;
        try
        {
            return new SweepGrid(SweepSpec.Parse(spec)).TileOf;
        }
        catch (ScyfiInputException)
        {
            return _ => -1;
        }
    }
}
