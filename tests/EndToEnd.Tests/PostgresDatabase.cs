using Npgsql;
using Scyfi.Coordinator.Store;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// A fresh PostgreSQL database for one test, created through the admin URL in
/// <c>SCYFI_TEST_POSTGRES</c> (a role that may create databases) and dropped afterwards, so no test
/// sees another's journal. Without the variable the test fails: CI must run these tests, not skip them.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "SCYFI_TEST_POSTGRES";

    private const string HowToStart =
        "./test.sh installs Debian's postgresql, starts it on 127.0.0.1 and sets the variable itself. By hand: " +
        "sudo apt-get install -y postgresql && sudo pg_ctlcluster 15 main start && " +
        "sudo -u postgres psql -c \"CREATE ROLE scyfi LOGIN CREATEDB PASSWORD 'scyfi'\" && " +
        "export SCYFI_TEST_POSTGRES=postgres://scyfi:scyfi@127.0.0.1:5432/postgres";

    private readonly string _adminConnection;

    private PostgresDatabase(string adminConnection, string name, string url)
    {
        _adminConnection = adminConnection;
        Name = name;
        Url = url;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }
    /// <summary>The database as <c>--store</c> takes it: postgres://user:password@host:port/name.</summary>
    public string Url { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        string? admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
            Assert.Fail($"{Variable} is not set, so the PostgreSQL end-to-end tests cannot run (they are never skipped). {HowToStart}");
        var location = StoreLocation.Parse(admin);
        if (location.Kind != StoreKind.PostgreSql)
            Assert.Fail($"{Variable}='{admin}' is not a PostgreSQL URL like postgres://scyfi:scyfi@127.0.0.1:5432/postgres");
        // No pooling: nothing of the admin connection may linger when the database is dropped.
        var b = new NpgsqlConnectionStringBuilder(location.ConnectionString) { Pooling = false };
        string name = "scyfi_e2e_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await ExecuteAsync(b.ConnectionString, $"CREATE DATABASE \"{name}\"");
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            Assert.Fail($"cannot create a test database through {Variable} ({location.Display}): {e.Message}. {HowToStart}");
        }
        string url = $"postgres://{Uri.EscapeDataString(b.Username ?? "postgres")}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{name}";
        return new PostgresDatabase(b.ConnectionString, name, url);
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE: a killed member's server-side session may not have noticed yet that its client is gone.
        // FORCE by a role that is not a superuser is refused (42501) while an autovacuum worker, which
        // no such role may end, is in the database: after a sweep's journal writes that happens now and
        // then. The worker is gone within a second or two, so the drop is tried again.
        string drop = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(_adminConnection, drop);
                return;
            }
            catch (PostgresException e) when (attempt < DropAttempts &&
                e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>How often the drop is tried, a second apart: autovacuum on a small test database ends long before.</summary>
    private const int DropAttempts = 15;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
