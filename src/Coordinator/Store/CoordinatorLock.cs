using Scyfi.Core;

namespace Scyfi.Coordinator.Store;

/// <summary>
/// One process at a time runs sweep coordinators on a SQLite store. Two that did (two
/// <c>scyfi sweep</c> runs in one directory, both on <c>./.scyfi/scyfi.db</c>) wrote the same
/// persistence id's journal: the second one's events failed on the journal's unique key, and its
/// sweep waited three minutes for an internal error. An exclusive lock on a file beside the store
/// (<c>flock</c>, which the system releases when the process ends, however it ends) turns that into a
/// one-line error before anything starts. The lock is not SQLite's own (fcntl) locking, which
/// closing a second descriptor of the database file would release. A PostgreSQL store is shared by
/// a cluster whose coordinator is a singleton; it is not locked here.
/// </summary>
public sealed class CoordinatorLock : IDisposable
{
    private readonly FileStream? _file;

    private CoordinatorLock(FileStream? file) => _file = file;

    /// <summary>The lock file of a SQLite store: the store's path with <c>.lock</c> appended.</summary>
    public static string PathOf(StoreLocation location) => location.Display + ".lock";

    /// <summary>Takes the store's lock, or fails with a one-line error when another process holds it.</summary>
    public static CoordinatorLock Acquire(StoreLocation location)
    {
        if (location.Kind != StoreKind.Sqlite) return new CoordinatorLock(null);
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

    /// <inheritdoc/>
    public void Dispose() => _file?.Dispose();
}
