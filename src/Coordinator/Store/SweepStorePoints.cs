using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Store;

/// <summary>
/// The grid points' results, one row per batch: a tile worker's checkpoint (the points it
/// finished since the last one, in the order it computed them) or the points of one tile the
/// analysis continued. Rows are only ever added; where a point is in several (a tile resumed after
/// a crash wrote it again, the analysis added objects to it), the newest row holds it.
/// </summary>
/// <remarks>
/// One row per point cost PostgreSQL about 14 µs of CPU per point (heap, primary-key index, WAL),
/// 44 ms per 4 096-point tile, its largest share beside two workers; a batch of the same 4 096
/// points is one row of about 700 kB, 9 ms (bench/results/cluster-profile.md §19). The points are
/// kept in <see cref="PointBatchCodec"/>'s binary form, not JSON text. Readers ask by tile, which
/// the row carries: a tile's resumption, a neighbour's warm start, the dashboard's live map.
/// </remarks>
public sealed partial class SweepStore
{
    // Key of the PostgreSQL advisory lock that serializes schema changes ("scyfi" in ASCII).
    private const long SchemaLock = 0x7363796669;

    private void CreatePointBatches(DbConnection c, DbTransaction tx)
    {
        if (Location.Kind == StoreKind.Sqlite)
        {
            // INTEGER PRIMARY KEY is the rowid: each new row's is larger than every stored one's.
            Execute(c, tx, """
                CREATE TABLE IF NOT EXISTS scyfi_point_batches (
                  id INTEGER PRIMARY KEY, sweep_id TEXT NOT NULL, tile INTEGER NOT NULL, last_idx INTEGER NOT NULL, data BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS scyfi_point_batches_tile ON scyfi_point_batches (sweep_id, tile);
                """);
            return;
        }
        if (TableExists(c, tx, "scyfi_point_batches")) return;
        // Identity values are taken in insert order; batches of one point written concurrently
        // hold the same result (each point's computation is deterministic), so the order among
        // them does not matter. EXTERNAL: out of line, uncompressed. The doubles' bytes hardly
        // compress, and trying cost PostgreSQL CPU on every write.
        Execute(c, tx, """
            CREATE TABLE scyfi_point_batches (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sweep_id TEXT NOT NULL, tile INTEGER NOT NULL, last_idx INTEGER NOT NULL, data BYTEA NOT NULL);
            ALTER TABLE scyfi_point_batches ALTER COLUMN data SET STORAGE EXTERNAL;
            CREATE INDEX scyfi_point_batches_tile ON scyfi_point_batches (sweep_id, tile);
            """);
    }

    internal bool TableExists(DbConnection c, DbTransaction tx, string table)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = Location.Kind == StoreKind.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @t"
            : "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = @t";
        AddParameter(cmd, "t", table);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Stores one tile's points as one batch, committed when this returns. <paramref name="points"/>
    /// are in the order the tile computes them, so a batch holding the tile's last point is
    /// its last (see <see cref="CompletedTiles"/>).
    /// </summary>
    public void WritePoints(string sweepId, int tile, IReadOnlyCollection<PointResult> points)
    {
        if (points.Count == 0) return;
        using var c = Open();
        InsertBatch(c, null, sweepId, tile, points);
    }

    /// <summary>Stores points of any tiles, a batch per tile, in one transaction.</summary>
    public void WritePoints(string sweepId, IEnumerable<PointResult> points, Func<int, int> tileOf)
    {
        var byTile = points.GroupBy(p => tileOf(p.Index)).ToList();
        if (byTile.Count == 0) return;
        using var c = Open();
        using var tx = c.BeginTransaction();
        foreach (var g in byTile) InsertBatch(c, tx, sweepId, g.Key, g.ToList());
        tx.Commit();
    }

    internal void InsertBatch(DbConnection c, DbTransaction? tx, string sweepId, int tile, IReadOnlyCollection<PointResult> points)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO scyfi_point_batches (sweep_id, tile, last_idx, data) VALUES (@s, @t, @l, @d)";
        AddParameter(cmd, "s", sweepId);
        AddParameter(cmd, "t", tile);
        AddParameter(cmd, "l", points.Last().Index);
        var data = AddParameter(cmd, "d", PointBatchCodec.Encode(points));
        if (data is NpgsqlParameter pg) pg.NpgsqlDbType = NpgsqlDbType.Bytea;
        cmd.ExecuteNonQuery();
    }

    /// <summary>All point results of a sweep, in index order.</summary>
    public IEnumerable<PointResult> ReadPoints(string sweepId) => ReadPointsByIndex(sweepId).Values.OrderBy(p => p.Index);

    /// <summary>All point results of a sweep, by index (what the analysis and the exports work on).</summary>
    public Dictionary<int, PointResult> ReadPointsByIndex(string sweepId)
    {
        var points = new Dictionary<int, PointResult>();
        ReadBatches(sweepId, null, null, p => points[p.Index] = p);
        return points;
    }

    /// <summary>
    /// The stored points of the given tiles (of those whose index <paramref name="wanted"/>
    /// accepts, when given), in index order.
    /// </summary>
    public List<PointResult> ReadTilePoints(string sweepId, IReadOnlyCollection<int> tiles, Func<int, bool>? wanted = null)
    {
        if (tiles.Count == 0) return [];
        var points = new Dictionary<int, PointResult>();
        ReadBatches(sweepId, tiles, wanted, p => points[p.Index] = p);
        return [.. points.Values.OrderBy(p => p.Index)];
    }

    /// <inheritdoc/>
    public List<PointResult> ReadTilePoints(string sweepId, int tile) => ReadTilePoints(sweepId, [tile]);

    /// <summary>
    /// Which of the tiles have all their points stored, without reading them: those with a batch
    /// that ends with the tile's last point in computation order (<paramref name="lastPoint"/>,
    /// by tile). A tile worker's batches are consecutive parts of that order, so such a batch is
    /// written only with or after all the others. The dashboard's live map polls this.
    /// </summary>
    public HashSet<int> CompletedTiles(string sweepId, IReadOnlyDictionary<int, int> lastPoint)
    {
        var done = new HashSet<int>();
        if (lastPoint.Count == 0) return done;
        using var c = Open();
        foreach (string tileCondition in TileConditions(lastPoint.Keys))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT DISTINCT tile, last_idx FROM scyfi_point_batches WHERE sweep_id = @s{tileCondition}";
            AddParameter(cmd, "s", sweepId);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int tile = Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                if (Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == lastPoint[tile]) done.Add(tile);
            }
        }
        return done;
    }

    /// <summary>
    /// " AND tile IN (…)" for the tiles, 500 to a statement. The tiles are our own integers, never
    /// user text: inlined.
    /// </summary>
    private static IEnumerable<string> TileConditions(IEnumerable<int> tiles) =>
        tiles.Chunk(500).Select(chunk => $" AND tile IN ({string.Join(",", chunk)})");

    /// <summary>Decodes the sweep's batches (of <paramref name="tiles"/>, when given), oldest first.</summary>
    private void ReadBatches(string sweepId, IReadOnlyCollection<int>? tiles, Func<int, bool>? wanted, Action<PointResult> point)
    {
        using var c = Open();
        foreach (string tileCondition in tiles is null ? [""] : TileConditions(tiles))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT data FROM scyfi_point_batches WHERE sweep_id = @s{tileCondition} ORDER BY id";
            AddParameter(cmd, "s", sweepId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) PointBatchCodec.Decode((byte[])r.GetValue(0), wanted, point);
        }
    }
}
