using System.Data.Common;

namespace Scyfi.AnalysisNode;

/// <summary>
/// The busy timeout every connection to an SQLite store gets when it opens: Scyfi's own (the
/// result store) and Akka.NET's (journal, snapshots, sharding). With it, a connection that meets
/// another connection's write lock waits inside SQLite, in steps of a few milliseconds, until the
/// lock is free. Without it, Microsoft.Data.Sqlite retries the statement only after a 150 ms sleep
/// (measured: a lock held for 20 ms cost the second writer 151 ms, with the timeout 45 ms).
/// </summary>
public static class SqliteBusyTimeout
{
    /// <summary>The statement that sets it (60 s: longer than any write Scyfi makes).</summary>
    public const string Pragma = "PRAGMA busy_timeout=60000;";

    /// <summary>Sets it on an open connection.</summary>
    public static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragma;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Sets it on an open connection, asynchronously.</summary>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragma;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
