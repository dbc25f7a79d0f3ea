using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scyfi.Core;
using Scyfi.Core.Sweeps;
using Scyfi.AnalysisNode;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Store;

/// <summary>
/// The result store next to the journal: one row per sweep (its progress, the read model), one
/// per grid point (its objects, as JSON) and the sweep's bifurcations. Tile workers write the
/// points, the coordinator the rest; every write is idempotent (upserts), so a point written again
/// after a crash overwrites identical data and nothing is counted twice. Exports and
/// <c>scyfi status</c> read it without a running cluster.
/// Plain ADO.NET on SQLite or PostgreSQL: the SQL below is understood by both.
/// </summary>
public sealed class SweepStore(StoreLocation location) : ITilePointStore
{
    /// <summary>Where it is.</summary>
    public StoreLocation Location { get; } = location;

    /// <summary>Opens a connection (SQLite in WAL mode with a busy timeout: the journal writes the same file).</summary>
    public DbConnection Open()
    {
        if (Location.Kind == StoreKind.Sqlite)
        {
            var c = new SqliteConnection(Location.ConnectionString + ";Default Timeout=60");
            c.Open();
            SqliteConnectionPragmas.Apply(c);
            return c;
        }
        var pg = new NpgsqlConnection(Location.ConnectionString);
        pg.Open();
        return pg;
    }

    /// <summary>
    /// False for an SQLite store whose file does not exist yet. Commands that only read a sweep
    /// (status, export, resume, cancel) check this first: opening the file would create it, and a
    /// mistyped --store or a run in the wrong folder would leave an empty store behind.
    /// </summary>
    public bool Exists => Location.Kind != StoreKind.Sqlite || File.Exists(Location.Display);

    /// <summary>
    /// Checks the store answers and creates the tables; an unreachable store is a user error
    /// (one line, exit 2) raised before anything else starts.
    /// </summary>
    public void EnsureReady()
    {
        try
        {
            if (Location.Kind == StoreKind.Sqlite)
            {
                string path = Location.Display;
                string? dir = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            }
            using var c = Open();
            Execute(c, """
                CREATE TABLE IF NOT EXISTS scyfi_sweeps (
                  id TEXT PRIMARY KEY, spec TEXT NOT NULL, refine TEXT NOT NULL, adaptive_depth INTEGER NOT NULL,
                  state TEXT NOT NULL, tiles_total INTEGER NOT NULL, tiles_done INTEGER NOT NULL, tiles_computed INTEGER NOT NULL,
                  points_total BIGINT NOT NULL, points_done BIGINT NOT NULL, retries INTEGER NOT NULL, message TEXT, stats TEXT,
                  created TEXT NOT NULL, updated TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS scyfi_points (
                  sweep_id TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (sweep_id, idx));
                CREATE TABLE IF NOT EXISTS scyfi_bifurcations (
                  sweep_id TEXT PRIMARY KEY, data TEXT NOT NULL);
                """);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new ScyfiInputException($"store {Location.Display} is unreachable: {ScyfiInputException.FirstLine(e.Message)}");
        }
    }

    /// <summary>Creates the sweep row unless it exists.</summary>
    public void InsertSweep(SweepRow row)
    {
        using var c = Open();
        Execute(c, """
            INSERT INTO scyfi_sweeps (id, spec, refine, adaptive_depth, state, tiles_total, tiles_done, tiles_computed, points_total, points_done, retries, message, stats, created, updated)
            VALUES (@id, @spec, @refine, @depth, @state, @tt, @td, @tc, @pt, @pd, @r, @msg, @stats, @created, @updated)
            ON CONFLICT (id) DO NOTHING
            """, ("id", row.Id), ("spec", row.SpecJson), ("refine", row.Refine), ("depth", row.AdaptiveDepth), ("state", row.State),
            ("tt", row.TilesTotal), ("td", row.TilesDone), ("tc", row.TilesComputed), ("pt", row.PointsTotal), ("pd", row.PointsDone),
            ("r", row.Retries), ("msg", row.Message), ("stats", row.StatsJson), ("created", row.Created.ToString("O")), ("updated", row.Updated.ToString("O")));
    }

    /// <summary>Updates a sweep's progress and state.</summary>
    public void UpdateSweep(string id, string state, int tilesDone, int tilesComputed, long pointsDone, int retries, string? message, string? statsJson = null)
    {
        using var c = Open();
        Execute(c, """
            UPDATE scyfi_sweeps SET state = @state, tiles_done = @td, tiles_computed = @tc, points_done = @pd, retries = @r, message = @msg,
              stats = COALESCE(@stats, stats), updated = @updated WHERE id = @id
            """, ("id", id), ("state", state), ("td", tilesDone), ("tc", tilesComputed), ("pd", pointsDone), ("r", retries), ("msg", message),
            ("stats", statsJson), ("updated", DateTimeOffset.UtcNow.ToString("O")));
    }

    /// <summary>Stores point results (insert or overwrite), in one transaction.</summary>
    public void WritePoints(string sweepId, IEnumerable<PointResult> points)
    {
        if (Location.Kind == StoreKind.PostgreSql)
        {
            WritePointsPostgres(sweepId, points);
            return;
        }
        using var c = Open();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO scyfi_points (sweep_id, idx, data) VALUES (@s, @i, @d) ON CONFLICT (sweep_id, idx) DO UPDATE SET data = excluded.data";
        var ps = AddParameter(cmd, "s", sweepId);
        var pi = AddParameter(cmd, "i", 0);
        var pd = AddParameter(cmd, "d", "");
        cmd.Prepare();
        foreach (var p in points)
        {
            pi.Value = p.Index;
            pd.Value = JsonSerializer.Serialize(p, ScyfiJsonSerializer.Options);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>
    /// PostgreSQL: one statement for the whole batch (arrays unnested server-side). A statement per
    /// point is a network round trip per point, and a tile worker writes its points while the next
    /// tile computes on the same machine.
    /// </summary>
    /// <remarks>
    /// Almost every batch is new rows (a tile's points, written once), so it goes in as a plain
    /// INSERT, and only a batch that meets a stored point (a tile resumed after a crash, the
    /// analysis writing continued points) is written again as an upsert. The upsert's conflict
    /// check on every row cost PostgreSQL a quarter more: 54–64 ms against 44–45 ms per 4 096
    /// rows (bench/results/cluster-profile.md §18).
    /// </remarks>
    private void WritePointsPostgres(string sweepId, IEnumerable<PointResult> points)
    {
        var list = points.ToList();
        if (list.Count == 0) return;
        using var c = (NpgsqlConnection)Open();
        var indices = list.Select(p => p.Index).ToArray();
        var data = list.Select(p => JsonSerializer.Serialize(p, ScyfiJsonSerializer.Options)).ToArray();
        const string insert = "INSERT INTO scyfi_points (sweep_id, idx, data) SELECT @s, u.i, u.d FROM unnest(@i, @d) AS u(i, d)";
        try
        {
            using var cmd = Batch(insert);
            cmd.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The failed statement wrote nothing (it is its own transaction).
            using var cmd = Batch(insert + " ON CONFLICT (sweep_id, idx) DO UPDATE SET data = excluded.data");
            cmd.ExecuteNonQuery();
        }

        NpgsqlCommand Batch(string sql)
        {
            var cmd = new NpgsqlCommand(sql, c);
            cmd.Parameters.AddWithValue("s", sweepId);
            cmd.Parameters.Add(new NpgsqlParameter("i", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer) { Value = indices });
            cmd.Parameters.Add(new NpgsqlParameter("d", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = data });
            return cmd;
        }
    }

    /// <summary>All point results of a sweep, in index order, streamed.</summary>
    public IEnumerable<PointResult> ReadPoints(string sweepId)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT data FROM scyfi_points WHERE sweep_id = @s ORDER BY idx";
        AddParameter(cmd, "s", sweepId);
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return JsonSerializer.Deserialize<PointResult>(r.GetString(0), ScyfiJsonSerializer.Options)!;
    }

    /// <summary>Point results of the given indices (missing ones are skipped).</summary>
    public List<PointResult> ReadPoints(string sweepId, IReadOnlyCollection<int> indices)
    {
        var result = new List<PointResult>(indices.Count);
        ForStored(sweepId, indices, "data", r => result.Add(JsonSerializer.Deserialize<PointResult>(r.GetString(0), ScyfiJsonSerializer.Options)!));
        return result;
    }

    /// <summary>
    /// Which of <paramref name="indices"/> the sweep has stored, without reading the points (the
    /// dashboard's live map asks for each unfinished tile's last point, stored only with or after
    /// the rest of its tile).
    /// </summary>
    public HashSet<int> StoredIndices(string sweepId, IReadOnlyCollection<int> indices)
    {
        var found = new HashSet<int>();
        ForStored(sweepId, indices, "idx", r => found.Add(Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)));
        return found;
    }

    /// <summary>
    /// Reads <paramref name="column"/> of the sweep's stored points among <paramref name="indices"/>,
    /// one row at a time. PostgreSQL: one primary-key lookup per index. The plain
    /// <c>sweep_id = @s AND idx IN (…)</c> was planned from statistics taken before the sweep's rows
    /// existed (a new sweep id looks like one row), so PostgreSQL scanned all of the sweep's points
    /// and filtered: 10–20 ms per read at 100 000 points, growing with the sweep, on every tile
    /// start, warm start and live-map poll. OFFSET 0 keeps the planner from flattening the lookup
    /// into a join with the same mistake. SQLite: <c>IN (…)</c> in chunks of 500.
    /// </summary>
    private void ForStored(string sweepId, IReadOnlyCollection<int> indices, string column, Action<DbDataReader> row)
    {
        if (indices.Count == 0) return;
        using var c = Open();
        if (Location.Kind == StoreKind.PostgreSql)
        {
            using var cmd = new NpgsqlCommand(
                $"SELECT p.{column} FROM unnest(@i) AS u(i) CROSS JOIN LATERAL " +
                $"(SELECT {column} FROM scyfi_points WHERE sweep_id = @s AND idx = u.i OFFSET 0) AS p", (NpgsqlConnection)c);
            cmd.Parameters.AddWithValue("s", sweepId);
            cmd.Parameters.Add(new NpgsqlParameter("i", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer) { Value = indices.ToArray() });
            ReadRows(cmd, row);
            return;
        }
        foreach (var chunk in indices.Chunk(500))
        {
            using var cmd = c.CreateCommand();
            // The indices are our own integers, never user text: inlined, one statement per chunk.
            cmd.CommandText = $"SELECT {column} FROM scyfi_points WHERE sweep_id = @s AND idx IN ({string.Join(",", chunk)})";
            AddParameter(cmd, "s", sweepId);
            ReadRows(cmd, row);
        }
    }

    private static void ReadRows(DbCommand cmd, Action<DbDataReader> row)
    {
        using var r = cmd.ExecuteReader();
        while (r.Read()) row(r);
    }

    /// <summary>Replaces a sweep's bifurcation list.</summary>
    public void WriteBifurcations(string sweepId, IReadOnlyList<Bifurcation> bifurcations)
    {
        using var c = Open();
        Execute(c, "INSERT INTO scyfi_bifurcations (sweep_id, data) VALUES (@s, @d) ON CONFLICT (sweep_id) DO UPDATE SET data = excluded.data",
            ("s", sweepId), ("d", JsonSerializer.Serialize(bifurcations, ScyfiJsonSerializer.Options)));
    }

    /// <summary>A sweep's bifurcations (empty before its analysis).</summary>
    public List<Bifurcation> ReadBifurcations(string sweepId)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT data FROM scyfi_bifurcations WHERE sweep_id = @s";
        AddParameter(cmd, "s", sweepId);
        var data = cmd.ExecuteScalar() as string;
        return data is null ? [] : JsonSerializer.Deserialize<List<Bifurcation>>(data, ScyfiJsonSerializer.Options)!;
    }

    /// <summary>All sweeps, newest first.</summary>
    public List<SweepRow> ListSweeps() => QuerySweeps("SELECT * FROM scyfi_sweeps ORDER BY created DESC, id");

    /// <inheritdoc/>
    public string? ReadSpec(string sweepId) => GetSweep(sweepId)?.SpecJson;

    /// <summary>One sweep, or null.</summary>
    public SweepRow? GetSweep(string id) => QuerySweeps("SELECT * FROM scyfi_sweeps WHERE id = @id", ("id", id)).FirstOrDefault();

    /// <summary>
    /// One sweep's state and counters, or null; its <see cref="SweepRow.SpecJson"/> is empty. For
    /// a client that polls a running sweep several times a second: the spec holds the model inline,
    /// megabytes for a large shPLRNN, and is not what it asks about.
    /// </summary>
    public SweepRow? GetSweepProgress(string id) => QuerySweeps(
        "SELECT id, '' AS spec, refine, adaptive_depth, state, tiles_total, tiles_done, tiles_computed, points_total, points_done, " +
        "retries, message, stats, created, updated FROM scyfi_sweeps WHERE id = @id", ("id", id)).FirstOrDefault();

    /// <summary>
    /// The stored sweep <paramref name="id"/>, for commands on an existing sweep; a user error when
    /// there is none. A missing SQLite store is reported without being created (see <see cref="Exists"/>).
    /// </summary>
    public SweepRow RequireSweep(string id)
    {
        if (!Exists) throw NoSuchSweep(id);
        EnsureReady();
        return GetSweep(id) ?? throw NoSuchSweep(id);
    }

    /// <summary>The one-line error for a sweep id this store does not hold.</summary>
    public ScyfiInputException NoSuchSweep(string id) => new($"no sweep '{id}' in {Location.Display}");

    private List<SweepRow> QuerySweeps(string sql, params (string, object?)[] args)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) AddParameter(cmd, n, v);
        using var r = cmd.ExecuteReader();
        var rows = new List<SweepRow>();
        while (r.Read())
        {
            rows.Add(new SweepRow(
                r.GetString(r.GetOrdinal("id")), r.GetString(r.GetOrdinal("spec")), r.GetString(r.GetOrdinal("refine")),
                Convert.ToInt32(r["adaptive_depth"]), r.GetString(r.GetOrdinal("state")),
                Convert.ToInt32(r["tiles_total"]), Convert.ToInt32(r["tiles_done"]), Convert.ToInt32(r["tiles_computed"]),
                Convert.ToInt64(r["points_total"]), Convert.ToInt64(r["points_done"]), Convert.ToInt32(r["retries"]),
                r["message"] as string, r["stats"] as string,
                DateTimeOffset.Parse(r.GetString(r.GetOrdinal("created")), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(r.GetString(r.GetOrdinal("updated")), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    private static void Execute(DbConnection c, string sql, params (string, object?)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) AddParameter(cmd, n, v);
        cmd.ExecuteNonQuery();
    }

    private static DbParameter AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }
}
