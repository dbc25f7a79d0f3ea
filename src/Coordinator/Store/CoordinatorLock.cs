using Npgsql;
using Scyfi.Core;

namespace Scyfi.Coordinator.Store;

/// <summary>
/// One process at a time runs sweep coordinators on a SQLite store. Two that did (two
/// <c>scyfi sweep</c> runs in one directory, both on <c>./.scyfi/scyfi.db</c>) wrote the same
/// persistence id's journal: the second one's events failed on the journal's unique key, and its
/// sweep waited three minutes for an internal error. An exclusive lock on a file beside the store
/// (<c>flock</c>, which the system releases when the process ends, however it ends) turns that into a
/// one-line error before anything starts. The lock is not SQLite's own (fcntl) locking, which
/// closing a second descriptor of the database file would release.
/// <para>
/// A PostgreSQL store is shared by a cluster, whose coordinator is a singleton; a coordinator
/// process restarted after a crash must not be refused while the workers stay connected. An
/// embedded run (its own one-member cluster) on a store that other scyfi processes use would be a
/// second coordinator beside the cluster's, so it is refused when the server has sessions of
/// another scyfi process on the database (their application name, <see cref="StoreLocation.ThisProcess"/>).
/// </para>
/// </summary>
public sealed class CoordinatorLock : IDisposable
{
    private readonly FileStream? _file;

    private CoordinatorLock(FileStream? file) => _file = file;

    /// <summary>The lock file of a SQLite store: the store's path with <c>.lock</c> appended.</summary>
    public static string PathOf(StoreLocation location) => location.Display + ".lock";

    /// <summary>
    /// Takes the store's lock, or fails with a one-line error when another process holds it;
    /// <paramref name="embedded"/>: this process is the whole cluster.
    /// </summary>
    public static CoordinatorLock Acquire(StoreLocation location, bool embedded)
    {
        if (location.Kind == StoreKind.PostgreSql)
        {
            if (embedded && OtherScyfiSession(location) is { } other)
                throw new ScyfiInputException($"the store {location.Display} is in use by another scyfi process ({other}): submit to its cluster with --cluster SEED, or give this sweep its own --store");
            return new CoordinatorLock(null);
        }
        string path = PathOf(location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new CoordinatorLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new ScyfiInputException($"the store {location.Display} is in use: another scyfi process is running sweeps on it; wait for it to end, or give this one its own --store");
        }
    }

    /// <summary>The application name of a session of another scyfi process on the store's database, if any.</summary>
    private static string? OtherScyfiSession(StoreLocation location)
    {
        using var c = new NpgsqlConnection(location.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() " +
            "AND starts_with(application_name, @prefix) AND application_name <> @self LIMIT 1", c);
        cmd.Parameters.AddWithValue("prefix", StoreLocation.ApplicationPrefix);
        cmd.Parameters.AddWithValue("self", new NpgsqlConnectionStringBuilder(location.ConnectionString).ApplicationName ?? "");
        return cmd.ExecuteScalar() as string;
    }

    /// <inheritdoc/>
    public void Dispose() => _file?.Dispose();
}
