using Akka.Actor;
using Akka.Persistence;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A tile entity restarted after a crash (its journal says a computation started, not that it
/// completed) counts another computation only if it has points left to compute. A crash between
/// the tile's last point write and its completion event leaves every point in the store: that
/// tile completes without computing, and is not reported as computed twice (issue 4 allows at
/// most 2 % of tiles computed twice after a kill).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TileRestartTests
{
    [Theory]
    [InlineData(64, 1, false)]   // every point stored before the crash: nothing computed again
    [InlineData(32, 2, false)]   // half of them: the other half is computed again, a second computation
    [InlineData(0, 2, false)]
    [InlineData(32, 2, true)]    // journalled by an earlier version, with the spec in the event
    public async Task A_restarted_tile_counts_a_new_computation_only_if_points_are_left(int storedBeforeCrash, int expectedComputations, bool specInEvent)
    {
        await using var cluster = new LocalCluster(serializeMessages: true);
        var node = await cluster.StartAsync([ScyfiNodeSettings.WorkerRole]);
        var spec = Specs.OneSwitch(8, 8);   // one tile of 64 points
        var grid = new SweepGrid(spec);
        string sweepId = $"restart-{storedBeforeCrash}-{specInEvent}";
        var reference = new TileRunner(grid, new PointAnalyzer(spec)).Run(0, []);
        Assert.Equal(64, reference.Count);

        // What a crash leaves behind: the journal says the first computation started, the store
        // holds the points written by its checkpoints, and the sweep's row holds the spec (unless
        // the event does).
        string entityId = TileIds.EntityId(sweepId, 0);
        object[] journal = [new TileAssigned(sweepId, 0, specInEvent ? spec.ToJson() : null, null), new TileComputationStarted(1, 0)];
        if (!specInEvent)
            cluster.Store.InsertSweep(new SweepRow(sweepId, spec.ToJson(), "none", 4, "running", 1, 0, 0, 64, 0, 0, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var seeder = node.System.ActorOf(Props.Create(() => new JournalSeeder("tile-" + entityId, journal)));
        Assert.Equal("seeded", await seeder.Ask<string>("seed", TimeSpan.FromSeconds(30)));
        await seeder.GracefulStop(TimeSpan.FromSeconds(10));
        if (storedBeforeCrash > 0) cluster.Store.WritePoints(sweepId, 0, [.. reference.Take(storedBeforeCrash)]);

        // The remembered entity starts again on its own and reports to the coordinator.
        var coordinator = Inbox.Create(node.System);
        using var gate = new TileComputeGate(1);
        node.System.ActorOf(Props.Create(() => new TileWorker(entityId, coordinator.Receiver, gate, new TileAnalyzers(), cluster.Store)));
        var analyzed = (TileAnalyzed)await coordinator.ReceiveAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(new TileAnalyzed(sweepId, 0, 64, expectedComputations), analyzed with { Slots = 0, ComputeSeconds = 0 });
        Assert.Equal(1, analyzed.Slots);
        // The time in the slot, by which the coordinator sizes the node's tiles in flight: none
        // when nothing was left to compute.
        Assert.Equal(storedBeforeCrash < 64, analyzed.ComputeSeconds > 0);
        var stored = cluster.Store.ReadTilePoints(sweepId, 0);
        Assert.Equal(reference.Select(Encoded), stored.Select(Encoded));
    }

    private static string Encoded(PointResult p) => Convert.ToBase64String(PointResultCodec.Encode(p));

    /// <summary>Writes given events to a persistence id's journal, as a tile entity would have before a crash.</summary>
    private sealed class JournalSeeder : ReceivePersistentActor
    {
        public JournalSeeder(string persistenceId, object[] events)
        {
            PersistenceId = persistenceId;
            Command<string>(_ =>
            {
                var replyTo = Sender;
                PersistAll(events, _ => { });
                DeferAsync("seeded", m => replyTo.Tell(m));
            });
        }

        public override string PersistenceId { get; }
    }
}
