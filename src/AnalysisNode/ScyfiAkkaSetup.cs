using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using LinqToDB;
using Scyfi.Messages;

namespace Scyfi.AnalysisNode;

/// <summary>
/// Akka.Hosting wiring shared by every Scyfi cluster member: remoting, clustering, the JSON
/// serializer for <see cref="IScyfiMessage"/>, the SQL journal (default plugin) and a second SQL
/// plugin with its own tables for sharding state (remember-entities, event-sourced; durable DData
/// off, see akka-notes.md) — on SQLite in a file of its own, see
/// <see cref="ScyfiNodeSettings.ShardingConnectionString"/>.
/// </summary>
public static class ScyfiAkkaSetup
{
    /// <summary>Largest message between members (a sweep's submission carries its model).</summary>
    public const int MaximumFrameBytes = 32 * 1024 * 1024;

    /// <summary>Plugin identifier of the sharding journal/snapshot store.</summary>
    public const string ShardingPlugin = "sharding";

    /// <summary>Remoting, clustering, serialization and persistence.</summary>
    public static AkkaConfigurationBuilder WithScyfiCluster(this AkkaConfigurationBuilder b, ScyfiNodeSettings s)
    {
        var hocon = $$"""
            akka.actor.serialize-messages = {{(s.SerializeMessages ? "on" : "off")}}
            akka.cluster.split-brain-resolver.stable-after = {{(int)s.StableAfter.TotalMilliseconds}}ms
            akka.cluster.sharding.passivation.strategy = none
            akka.coordinated-shutdown.exit-clr = off
            akka.loglevel = INFO
            akka.stdout-loglevel = OFF
            # The proxy's "failed to find an associated singleton … after 30 seconds" fires at start,
            # before the first identification can answer (akka.net#8568): a false warning on every run.
            akka.cluster.singleton-proxy.log-singleton-identification-failure = off
            # A sweep's submission carries its spec with the model inline, which easily exceeds
            # remoting's default 128 kB frame (a shPLRNN with 300 hidden units: 130 kB); an
            # oversized message is dropped. Tiles carry no spec and their results go to the store.
            akka.remote.dot-netty.tcp.maximum-frame-size = {{MaximumFrameBytes}}b
            # Leaving the cluster waited for two 1 s timers: the leader moves a Leaving member to
            # Exiting on its next leader-actions tick, and a singleton manager whose node leaves
            # stops its singleton on its next hand-over retry. Every `scyfi sweep` paid about 1 s
            # of it at exit (0.2 s with these values). The retry count is raised in proportion, so
            # a hand-over that gets no answer still gives up after the same ~15 s as by default.
            akka.cluster.leader-actions-interval = 100ms
            akka.cluster.singleton.hand-over-retry-interval = 200ms
            akka.cluster.singleton.min-number-of-hand-over-retries = 75
            # A singleton proxy that asks before the singleton exists asks again only after this
            # interval (1 s by default), buffering the messages meanwhile: a third of the
            # embedded sweeps lost about 0.7 s at submission. It asks only while it has no
            # singleton, so a shorter interval costs nothing once the cluster is up.
            akka.cluster.singleton-proxy.singleton-identification-interval = 100ms
            # See ScyfiNodeSettings.SchedulerTick.
            akka.scheduler.tick-duration = {{(int)s.SchedulerTick.TotalMilliseconds}}ms
            """;
        if (s.JournalIsSqlite)
        {
            // SQLite has one writer: keep each plugin to a single connection at a time.
            hocon += """

                akka.persistence.journal.sql.parallelism = 1
                akka.persistence.journal.sharding.parallelism = 1
                """;
        }
        else
        {
            // Sharding's tag table by name: Akka.Persistence.Sql's PostgreSQL mapping has no tag
            // table for Journal() to rename, so both plugins used `tags`, and on a new database
            // they created it at the same moment now and then: PostgreSQL refused the second
            // CREATE TABLE IF NOT EXISTS (duplicate key in pg_type), and the journal logged a
            // failed initialization with its stack trace before it tried again.
            hocon += """

                akka.persistence.journal.sharding.postgresql.tag.table-name = "sharding_tags"
                """;
        }
        if (s.ExtraHocon.Length > 0) hocon += "\n" + s.ExtraHocon;
        b.AddHocon(hocon, HoconAddMode.Prepend);
        b.WithRemoting(s.Hostname, s.Port, s.PublicHostname);
        b.WithClustering(new ClusterOptions
        {
            Roles = s.Roles.ToArray(),
            SeedNodes = s.Seeds.ToArray(),
            SplitBrainResolver = new Akka.Cluster.Hosting.SBR.KeepMajorityOption(),
        });
        b.WithCustomSerializer("scyfi-json", [typeof(IScyfiMessage)], system => new ScyfiJsonSerializer(system));
        b.WithSqlPersistence(Journal(s, isDefault: true), Snapshots(s, isDefault: true));
        b.WithSqlPersistence(Journal(s, isDefault: false), Snapshots(s, isDefault: false));
        b.WithShardingDistributedData(new ShardingDDataOptions { Durable = new DurableOptions { Keys = [] } });
        if (s.Seeds.Count == 0)
        {
            // No seeds: this node founds the cluster (embedded mode, or the first coordinator).
            b.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
        return b;
    }

    /// <summary>
    /// The analysis node: hosts tile workers (role worker) or, on other nodes, a proxy to them.
    /// Also makes the coordinator reachable through a singleton proxy on nodes that cannot host it.
    /// Tile workers write finished points to <paramref name="points"/> (the sweep's result store).
    /// </summary>
    public static AkkaConfigurationBuilder AddAnalysisNode(this AkkaConfigurationBuilder b, ScyfiNodeSettings s, ITilePointStore points)
    {
        if (!s.IsCoordinator)
            b.WithSingletonProxy<SweepCoordinatorKey>("sweep-coordinator", new ClusterSingletonOptions { Role = ScyfiNodeSettings.CoordinatorRole });
        if (s.IsWorker)
        {
            var gate = new TileComputeGate(s.ComputeSlots);
            b.AddStartup((system, _) => system.RegisterOnTermination(gate.Dispose));
            var analyzers = new TileAnalyzers();
            b.WithShardRegion<TileRegionKey>("tiles",
                // Props from the type and arguments, not from an expression: Props.Create(() => new …)
                // compiles the expression into a new dynamic method for every entity, i.e. a JIT
                // compilation per tile.
                (_, registry) => entityId => Props.Create(typeof(TileWorker), entityId, registry.Get<SweepCoordinatorKey>(), gate, analyzers, points),
                new TileExtractor(),
                new ShardOptions
                {
                    Role = ScyfiNodeSettings.WorkerRole,
                    RememberEntities = true,
                    RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                    StateStoreMode = StateStoreMode.DData,
                    JournalPluginId = $"akka.persistence.journal.{ShardingPlugin}",
                    SnapshotPluginId = $"akka.persistence.snapshot-store.{ShardingPlugin}",
                });
        }
        else
        {
            b.WithShardRegionProxy<TileRegionKey>("tiles", ScyfiNodeSettings.WorkerRole, new TileExtractor());
        }
        return b;
    }

    internal static SqlJournalOptions Journal(ScyfiNodeSettings s, bool isDefault)
    {
        var db = s.JournalIsSqlite ? JournalDatabaseOptions.Sqlite : JournalDatabaseOptions.PostgreSql;
        if (!isDefault)
        {
            if (db.JournalTable is { } j) j.TableName = "sharding_journal";
            if (db.MetadataTable is { } m) m.TableName = "sharding_metadata";
            if (db.TagTable is { } t) t.TableName = "sharding_tags";
        }
        string connectionString = PluginConnectionString(s, isDefault);
        return new SqlJournalOptions(isDefault, isDefault ? "sql" : ShardingPlugin)
        {
            ConnectionString = connectionString,
            ProviderName = s.JournalProvider,
            AutoInitialize = true,
            DatabaseOptions = db,
            DataOptions = SqliteDataOptions(s, connectionString),
        };
    }

    internal static SqlSnapshotOptions Snapshots(ScyfiNodeSettings s, bool isDefault)
    {
        var db = s.JournalIsSqlite ? SnapshotDatabaseOptions.Sqlite : SnapshotDatabaseOptions.PostgreSql;
        if (!isDefault && db.SnapshotTable is { } t) t.TableName = "sharding_snapshot";
        string connectionString = PluginConnectionString(s, isDefault);
        return new SqlSnapshotOptions(isDefault, isDefault ? "sql" : ShardingPlugin)
        {
            ConnectionString = connectionString,
            ProviderName = s.JournalProvider,
            AutoInitialize = true,
            DatabaseOptions = db,
            DataOptions = SqliteDataOptions(s, connectionString),
        };
    }

    /// <summary>The default plugin writes the store's journal; the other one sharding's state.</summary>
    private static string PluginConnectionString(ScyfiNodeSettings s, bool isDefault) =>
        isDefault ? s.JournalConnectionString : s.ShardingConnectionString;

    /// <summary>
    /// SQLite: the plugin's connections get <see cref="SqliteConnectionPragmas"/> as they open.
    /// Without the busy timeout, a tile entity whose recovery or journal write met another
    /// connection's write lock slept 150 ms in Microsoft.Data.Sqlite: a new tile took 160–240 ms
    /// (median) to recover, 2–7 ms with it, and the compute slots idled waiting for tiles
    /// (bench/results/cluster-profile.md §11).
    /// </summary>
    private static DataOptions? SqliteDataOptions(ScyfiNodeSettings s, string connectionString) =>
        s.JournalIsSqlite
            ? new DataOptions()
                .UseConnectionString(s.JournalProvider, connectionString)
                .UseAfterConnectionOpened(SqliteConnectionPragmas.Apply, SqliteConnectionPragmas.ApplyAsync)
            : null;
}
