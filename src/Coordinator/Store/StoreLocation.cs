using Npgsql;
using Scyfi.Core;

namespace Scyfi.Coordinator.Store;

/// <summary>Which database a sweep's journal and results live in.</summary>
public enum StoreKind
{
    /// <summary>An SQLite file: the embedded default (one process).</summary>
    Sqlite,
    /// <summary>PostgreSQL: for clusters of several processes or machines.</summary>
    PostgreSql,
}

/// <summary>
/// A store as the user names it: nothing (<c>./.scyfi/scyfi.db</c>), a path to an SQLite file
/// (<c>sqlite:path</c> or a path ending in .db), or PostgreSQL (<c>postgres://user:pass@host:port/db</c>,
/// with libpq's <c>?sslmode=</c> and a few more parameters, or an Npgsql connection string
/// <c>Host=…;Database=…</c>, taken as written).
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string ConnectionString, string Display)
{
    /// <summary>The embedded default.</summary>
    public const string DefaultPath = ".scyfi/scyfi.db";

    /// <summary>Environment variable naming the store when no command-line option or config file does.</summary>
    public const string EnvironmentVariable = "SCYFI_STORE";

    /// <summary>
    /// How a printed command (the resume command after an interruption) names this store again: the
    /// <c>--store</c> value, or null when the command needs none (the default store, or the one
    /// <see cref="EnvironmentVariable"/> names, which reaches it with its credentials). A
    /// PostgreSQL URL keeps its user and leaves out the password: Npgsql then takes it from
    /// <c>PGPASSWORD</c> or <c>~/.pgpass</c>, and it never appears on a terminal or in a log.
    /// </summary>
    public string? CommandArgument { get; init; }

    /// <summary>
    /// Parses the user's store text; without one, the store named by <see cref="EnvironmentVariable"/>
    /// (set once on a cluster's machines), else the embedded default.
    /// </summary>
    public static StoreLocation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return (string.IsNullOrWhiteSpace(env) ? Sqlite(DefaultPath, "--store") : ParseText(env, EnvironmentVariable)) with { CommandArgument = null };
        }
        return ParseText(text, "--store");
    }

    /// <summary>Parses <paramref name="text"/>; errors name <paramref name="source"/>, where the text came from.</summary>
    private static StoreLocation ParseText(string text, string source)
    {
        text = text.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(text, source);
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var b = new NpgsqlConnectionStringBuilder(text);
                if (string.IsNullOrEmpty(b.ApplicationName)) b.ApplicationName = ThisProcess;
                string shown = $"postgres://{b.Host}:{b.Port}/{b.Database}";
                return new StoreLocation(StoreKind.PostgreSql, b.ConnectionString, shown) { CommandArgument = shown };
            }
            catch (ArgumentException e)
            {
                throw new ScyfiInputException($"{source}: not a valid PostgreSQL connection string ({e.Message})");
            }
        }
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return Sqlite(text["sqlite:".Length..], source);
        return Sqlite(text, source);
    }

    private static StoreLocation Sqlite(string path, string source)
    {
        if (path.Length == 0) throw new ScyfiInputException($"{source}: empty SQLite path");
        string full = Path.GetFullPath(path);
        return new StoreLocation(StoreKind.Sqlite, $"Data Source={full}", full) { CommandArgument = full == Path.GetFullPath(DefaultPath) ? null : full };
    }

    private static StoreLocation FromUrl(string url, string source)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ScyfiInputException($"{source}: '{url}' is not a valid postgres://user:password@host:port/database URL");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
            // TLS on a loopback connection protects nothing (the bytes never leave the machine) and
            // cost PostgreSQL, coordinator and client a tenth to a sixth of their CPU in a sweep on
            // one machine (bench/results/cluster-profile.md §13). "Allow": without TLS, unless the
            // server refuses that, as one behind an SSH tunnel on localhost may. Elsewhere Npgsql's
            // default stands: TLS when the server offers it. `?sslmode=` overrides both.
            SslMode = IsLoopback(uri.Host) ? SslMode.Allow : SslMode.Prefer,
            // Akka.NET's journal and the result store send the same few statements thousands of
            // times; prepared once per connection, PostgreSQL skips parsing and planning them
            // (12 % less server CPU in a sweep).
            MaxAutoPrepare = DefaultMaxAutoPrepare,
            // A pooled connection is opened about ten times per tile; resetting it on return sent
            // five statements each time (DISCARD ALL without prepared statements). Nothing here
            // sets session state (no SET, advisory locks, LISTEN or temporary tables) to reset.
            NoResetOnClose = true,
            // Which scyfi process a server session belongs to (pg_stat_activity): an embedded run
            // refuses a store that other scyfi processes use (CoordinatorLock). `?application_name=` overrides.
            ApplicationName = ThisProcess,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        var parameters = QueryParameters(uri.Query).ToList();
        foreach (var (key, value) in parameters)
            ApplyUrlParameter(b, key, value, source);
        // Shown in messages: everything but the user and password, with the parameters, so that
        // it reaches the same server the same way. Printed commands add the user.
        string query = parameters.Count == 0 ? ""
            : "?" + string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        string user = string.IsNullOrEmpty(b.Username) ? "" : Uri.EscapeDataString(b.Username) + "@";
        return new StoreLocation(StoreKind.PostgreSql, b.ConnectionString, $"postgres://{b.Host}:{b.Port}/{b.Database}{query}")
        {
            CommandArgument = $"postgres://{user}{b.Host}:{b.Port}/{b.Database}{query}",
        };
    }

    /// <summary>The application name of this process's PostgreSQL sessions: "scyfi HOST:PID" (at most 63 characters, PostgreSQL's limit).</summary>
    public static readonly string ThisProcess = ApplicationName(Environment.MachineName, Environment.ProcessId);

    private static string ApplicationName(string host, int pid)
    {
        string suffix = ":" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int room = 63 - ApplicationPrefix.Length - suffix.Length;
        return ApplicationPrefix + (host.Length > room ? host[..room] : host) + suffix;
    }

    /// <summary>What every scyfi process's application name starts with.</summary>
    public const string ApplicationPrefix = "scyfi ";

    /// <summary>Statements Npgsql prepares per connection for a postgres:// store (<c>?max_auto_prepare=</c>).</summary>
    public const int DefaultMaxAutoPrepare = 20;

    /// <summary>The URL parameters a postgres:// store understands, named as libpq names them.</summary>
    public static readonly IReadOnlyList<string> UrlParameters = ["sslmode", "connect_timeout", "application_name", "max_auto_prepare"];

    private static void ApplyUrlParameter(NpgsqlConnectionStringBuilder b, string key, string value, string source)
    {
        switch (key)
        {
            case "sslmode":
                b.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new ScyfiInputException($"{source}: sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
                };
                break;
            case "connect_timeout":
                b.Timeout = int.TryParse(value, out int seconds) && seconds is >= 1 and <= 1024 ? seconds
                    : throw new ScyfiInputException($"{source}: connect_timeout '{value}' is not a number of seconds from 1 to 1024");
                break;
            case "application_name":
                b.ApplicationName = value;
                break;
            case "max_auto_prepare":
                // 0 for a PgBouncer in transaction mode older than 1.21, which loses prepared statements.
                b.MaxAutoPrepare = int.TryParse(value, out int n) && n is >= 0 and <= 256 ? n
                    : throw new ScyfiInputException($"{source}: max_auto_prepare '{value}' is not a number from 0 to 256");
                break;
            default:
                throw new ScyfiInputException($"{source}: unknown parameter '{key}' in the PostgreSQL URL (known: {string.Join(", ", UrlParameters)})");
        }
    }

    /// <summary>
    /// The URL's parameters, percent-decoded as libpq decodes them: a '+' stays a '+' (it is a
    /// space only in HTML form encoding), so a URL means the same here as in psql.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> QueryParameters(string query)
    {
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            yield return (key, value);
        }
    }

    /// <summary>True for localhost and the loopback addresses (127.0.0.0/8, ::1).</summary>
    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>The LinqToDB provider name Akka.Persistence.Sql expects.</summary>
    public string AkkaProviderName => Kind == StoreKind.Sqlite ? LinqToDB.ProviderName.SQLiteMS : LinqToDB.ProviderName.PostgreSQL15;
}
