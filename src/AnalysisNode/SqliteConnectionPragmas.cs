using System.Data.Common;

namespace Scyfi.AnalysisNode;

/// <summary>
/// The settings every connection to an SQLite store gets when it opens: Scyfi's own (the result
/// store) and Akka.NET's (journal, snapshots, sharding).
/// <list type="bullet">
/// <item>A busy timeout: a connection that meets another connection's write lock waits inside
/// SQLite, in steps of a few milliseconds, until the lock is free. Without it,
/// Microsoft.Data.Sqlite retries the statement only after a 150 ms sleep (measured: a lock held for
/// 20 ms cost the second writer 151 ms, with the timeout 45 ms).</item>
/// <item>Write-ahead logging with <c>synchronous=NORMAL</c>: a commit appends to the log without
/// an fsync (the log is synced at checkpoints), and sharding's file no longer creates, syncs twice
/// and deletes a rollback journal per remember-entities write. A commit still survives the
/// process being killed; a power loss can roll back the last commits, never half of one. Scyfi
/// tolerates that: the points, the tiles' and the coordinator's events share one file and one log,
/// so a lost suffix never keeps a tile's completion without its points, and the coordinator re-sends
/// every tile it has not recorded (also one whose remembered entity sharding forgot). Measured on a
/// grid of cheap tiles: 3–24 % less CPU in three interleaved pairs of runs, the size of the VM's
/// noise (bench/results/cluster-profile.md §12).</item>
/// </list>
/// </summary>
public static class SqliteConnectionPragmas
{
    /// <summary>The statements (busy timeout first: switching to WAL takes a lock; 60 s is longer than any write Scyfi makes).</summary>
    public const string Pragma = "PRAGMA busy_timeout=60000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

    /// <summary>Applies them to an open connection.</summary>
    public static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragma;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Applies them to an open connection, asynchronously.</summary>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragma;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
