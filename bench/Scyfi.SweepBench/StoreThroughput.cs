using Npgsql;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.SweepBench;

/// <summary>
/// Persisted events per second and tiles per second of the embedded cluster on SQLite and on
/// PostgreSQL, the same sweep on each (runs alternate, best of 2). Journal-bound on purpose: small
/// tiles of cheap points (orders 1..2, tiles of 8×8), so the store rather than the finder sets
/// the pace. PostgreSQL comes from SCYFI_BENCH_POSTGRES (an admin URL such as
/// postgres://scyfi:scyfi@127.0.0.1:5432/postgres); each run gets a fresh database.
/// </summary>
internal static class StoreThroughput
{
    public static async Task<int> RunAsync(TextWriter w)
    {
        string? admin = Environment.GetEnvironmentVariable("SCYFI_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("SCYFI_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Console.Error.WriteLine("stores: set SCYFI_BENCH_POSTGRES=postgres://user:pass@127.0.0.1:5432/postgres (a role that may create databases)");
            return 2;
        }
        var spec = Specs.OneSwitch(129, 2, tile: 8);
        int threads = Environment.ProcessorCount;
        var engine = new SweepEngine(spec, threads).Run();
        var best = new Dictionary<string, (double Seconds, long Events, int Tiles, bool Same)>();
        for (int round = 0; round < 2; round++)
        {
            foreach (string kind in new[] { "SQLite", "PostgreSQL" })
            {
                var run = kind == "SQLite" ? await OnSqliteAsync(spec, threads, engine) : await OnPostgresAsync(spec, threads, engine, admin);
                if (!best.TryGetValue(kind, out var b) || run.Seconds < b.Seconds) best[kind] = run;
            }
        }
        w.WriteLine($"Embedded cluster, one-switch 129×129 grid, orders 1..2, tiles of 8×8 ({best["SQLite"].Tiles} tiles), {threads} compute slots; best of 2 alternating runs.");
        w.WriteLine();
        w.WriteLine("| store | seconds | persisted events | events/s | tiles/s | identical to engine |");
        w.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var (kind, r) in best)
            w.WriteLine($"| {kind} | {r.Seconds:F1} | {r.Events:N0} | {r.Events / r.Seconds:F0} | {r.Tiles / r.Seconds:F1} | {(r.Same ? "yes" : "NO")} |");
        return 0;
    }

    private static async Task<(double Seconds, long Events, int Tiles, bool Same)> OnSqliteAsync(SweepSpec spec, int threads, SweepResult engine)
    {
        string dir = Directory.CreateTempSubdirectory("scyfi-bench-").FullName;
        try
        {
            var (seconds, status, events, same, _) = await ClusterOverhead.RunClusterAsync(spec, threads, engine, StoreLocation.Parse(Path.Combine(dir, "bench.db")));
            return (seconds, events, status.TilesTotal, same);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double Seconds, long Events, int Tiles, bool Same)> OnPostgresAsync(SweepSpec spec, int threads, SweepResult engine, string admin)
    {
        var b = new NpgsqlConnectionStringBuilder(StoreLocation.Parse(admin).ConnectionString) { Pooling = false };
        string name = "scyfi_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(b.ConnectionString, $"CREATE DATABASE \"{name}\"");
        try
        {
            string url = $"postgres://{Uri.EscapeDataString(b.Username ?? "postgres")}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{name}";
            var (seconds, status, events, same, _) = await ClusterOverhead.RunClusterAsync(spec, threads, engine, StoreLocation.Parse(url));
            return (seconds, events, status.TilesTotal, same);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(b.ConnectionString, name);
        }
    }

    /// <summary>
    /// DROP … WITH (FORCE) by a role that is not a superuser is refused (42501) while an autovacuum
    /// worker is in the database, which happens now and then after a run's writes; it is gone within
    /// a second or two.
    /// </summary>
    private static async Task DropAsync(string connectionString, string name)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(connectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (attempt < 15 &&
                e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
