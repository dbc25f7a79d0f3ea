namespace Scyfi.AnalysisNode;

/// <summary>How one Scyfi cluster member starts: address, seeds, roles and journal.</summary>
public sealed record ScyfiNodeSettings
{
    /// <summary>Role of the node that may host the sweep coordinator singleton.</summary>
    public const string CoordinatorRole = "coordinator";
    /// <summary>Role of the nodes that host tile workers.</summary>
    public const string WorkerRole = "worker";

    /// <summary>ActorSystem name (must be equal on every member).</summary>
    public string SystemName { get; init; } = "scyfi";
    /// <summary>Address to bind remoting to (127.0.0.1 unless asked otherwise).</summary>
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>Port (0 = any free port).</summary>
    public int Port { get; init; }
    /// <summary>Address other members use to reach this one, when it differs from <see cref="Hostname"/>.</summary>
    public string? PublicHostname { get; init; }
    /// <summary>Seed nodes (akka.tcp://scyfi@host:port); empty = this node founds a new cluster.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    /// <summary>Cluster roles of this node.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [CoordinatorRole, WorkerRole];
    /// <summary>Journal connection string.</summary>
    public required string JournalConnectionString { get; init; }
    /// <summary>LinqToDB provider name (SQLiteMS or PostgreSQL15).</summary>
    public required string JournalProvider { get; init; }
    /// <summary>True when the journal is an SQLite file (one writer).</summary>
    public bool JournalIsSqlite => JournalProvider.Contains("SQLite", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where sharding keeps its state (remember-entities). PostgreSQL: the journal's database
    /// (tables of its own). SQLite: a sibling file, <c>scyfi.db</c> → <c>scyfi.sharding.db</c>.
    /// SQLite admits one writer per file; with sharding in the journal's file, starting a tile
    /// (remember-entities write) queued behind the tiles' journal writes and the read model, lost
    /// the race for the lock and was retried after a sleep — up to ~0.8 s per tile, which
    /// left the compute slots idle (see bench/results/cluster-profile.md).
    /// </summary>
    public string ShardingConnectionString => JournalIsSqlite ? ShardingSibling(JournalConnectionString) : JournalConnectionString;

    /// <summary>The SQLite connection string with the data source <c>x.db</c> replaced by <c>x.sharding.db</c>.</summary>
    public static string ShardingSibling(string sqliteConnectionString)
    {
        var b = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = sqliteConnectionString };
        string key = new[] { "Data Source", "DataSource", "Filename" }.FirstOrDefault(b.ContainsKey)
            ?? throw new ArgumentException("SQLite connection string without a data source", nameof(sqliteConnectionString));
        string path = (string)b[key];
        string dir = Path.GetDirectoryName(path) ?? "";
        b[key] = Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + ".sharding" + (Path.HasExtension(path) ? Path.GetExtension(path) : ".db"));
        return b.ConnectionString;
    }
    /// <summary>Serialize every message, local ones too (tests).</summary>
    public bool SerializeMessages { get; init; }
    /// <summary>Split-brain resolver stable-after (shorter in tests).</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Akka.NET's scheduler tick: a timer fires up to one tick late. The scheduler wakes every
    /// tick whether or not a timer is due, and each tick wakes thread-pool threads: at 10 ms (the
    /// default, and what a one-shot <c>scyfi sweep</c> keeps) an idle member used 48 ms of CPU a
    /// second and about 950 thread wake-ups; at <see cref="MemberSchedulerTick"/>, 25 ms and 300.
    /// </summary>
    public TimeSpan SchedulerTick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The tick of the long-running members (<c>scyfi node</c>, <c>scyfi coordinator</c>). Their
    /// thread pools idle between tiles while other processes compute on the same cores, so a
    /// tick's wake-ups come out of someone's compute slot: with two worker processes on two cores
    /// the coordinator went from 0.09 to 0.07 core. A one-shot <c>scyfi sweep</c> keeps 10 ms: its
    /// own start and exit are a chain of short timers, and the README sweep took 6.9–7.4 s with
    /// 50 ms against 6.5–6.8 s in three interleaved pairs (bench/results/cluster-profile.md §21).
    /// </summary>
    public static readonly TimeSpan MemberSchedulerTick = TimeSpan.FromMilliseconds(50);

    /// <summary>Tiles this node computes at once (one core each); default: all cores.</summary>
    public int ComputeSlots { get; init; } = Environment.ProcessorCount;

    /// <summary>Extra HOCON appended last (tests: e.g. crash without leaving the cluster).</summary>
    public string ExtraHocon { get; init; } = "";

    /// <summary>True when the node hosts tile workers.</summary>
    public bool IsWorker => Roles.Contains(WorkerRole);
    /// <summary>True when the node may host the coordinator.</summary>
    public bool IsCoordinator => Roles.Contains(CoordinatorRole);
}
