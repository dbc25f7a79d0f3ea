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
/// (<c>sqlite:path</c> or a path ending in .db), or PostgreSQL (<c>postgres://user:pass@host:port/db</c>
/// or an Npgsql connection string <c>Host=…;Database=…</c>).
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string ConnectionString, string Display)
{
    /// <summary>The embedded default.</summary>
    public const string DefaultPath = ".scyfi/scyfi.db";

    /// <summary>Environment variable naming the store when no command-line option or config file does.</summary>
    public const string EnvironmentVariable = "SCYFI_STORE";

    /// <summary>
    /// Parses the user's store text; without one, the store named by <see cref="EnvironmentVariable"/>
    /// (set once on a cluster's machines), else the embedded default.
    /// </summary>
    public static StoreLocation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(env) ? Sqlite(DefaultPath, "--store") : ParseText(env, EnvironmentVariable);
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
                return new StoreLocation(StoreKind.PostgreSql, b.ConnectionString, $"postgres://{b.Host}:{b.Port}/{b.Database}");
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
        return new StoreLocation(StoreKind.Sqlite, $"Data Source={full}", full);
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
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return new StoreLocation(StoreKind.PostgreSql, b.ConnectionString, $"postgres://{b.Host}:{b.Port}/{b.Database}");
    }

    /// <summary>The LinqToDB provider name Akka.Persistence.Sql expects.</summary>
    public string AkkaProviderName => Kind == StoreKind.Sqlite ? LinqToDB.ProviderName.SQLiteMS : LinqToDB.ProviderName.PostgreSQL15;
}
