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
/// The result store next to the journal: one row per sweep (its progress, the read model), the
/// grid points' results in batches (see SweepStorePoints.cs) and the sweep's bifurcations. Tile
/// workers write the points, the coordinator the rest; every write is idempotent, so a write
/// repeated after a crash changes nothing and nothing is counted twice. Exports and
/// <c>scyfi status</c> read it without a running cluster.
/// Plain ADO.NET on SQLite or PostgreSQL: the SQL is understood by both, except the point
/// batches' table definition and the schema lock.
/// </summary>
public sealed partial class SweepStore(StoreLocation location) : ITilePointStore
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
            using var tx = c.BeginTransaction();
            // Members that start together on a new PostgreSQL database would race to create the
            // same tables (CREATE TABLE IF NOT EXISTS is not atomic there); the lock lets one
            // create them and the others find them. SQLite's transaction takes the write lock.
            if (Location.Kind == StoreKind.PostgreSql) Execute(c, tx, $"SELECT pg_advisory_xact_lock({SchemaLock})");
            Execute(c, tx, """
                CREATE TABLE IF NOT EXISTS scyfi_sweeps (
                  id TEXT PRIMARY KEY, spec TEXT NOT NULL, refine TEXT NOT NULL, adaptive_depth INTEGER NOT NULL,
                  state TEXT NOT NULL, tiles_total INTEGER NOT NULL, tiles_done INTEGER NOT NULL, tiles_computed INTEGER NOT NULL,
                  points_total BIGINT NOT NULL, points_done BIGINT NOT NULL, retries INTEGER NOT NULL, message TEXT, stats TEXT,
                  created TEXT NOT NULL, updated TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS scyfi_bifurcations (
                  sweep_id TEXT PRIMARY KEY, data TEXT NOT NULL);
                """);
            CreatePointBatches(c, tx);
            LegacyPointRows.Migrate(this, c, tx);
            tx.Commit();
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

    private static void Execute(DbConnection c, string sql, params (string, object?)[] args) => Execute(c, null, sql, args);

    internal static void Execute(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (n, v) in args) AddParameter(cmd, n, v);
        cmd.ExecuteNonQuery();
    }

    internal static DbParameter AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }
}
