using Akka.Actor;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>Issue 4, test 5: duplicate and late messages change nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotenceTests
{
    [Fact]
    public async Task Duplicate_results_and_results_for_cancelled_sweeps_change_nothing()
    {
        await using var cluster = new LocalCluster(serializeMessages: true);
        var node = await cluster.StartAsync([ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole]);
        var spec = Specs.OneSwitch(9, 3);
        await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("d1", spec.ToJson(), "edges", 4, 2), CancellationToken.None);
        var done = await LocalCluster.WaitAsync(node, "d1", TimeSpan.FromMinutes(2));
        Assert.Equal("completed", done.State);
        var before = Reference.FromStore(cluster.Store, "d1");
        var row = cluster.Store.GetSweep("d1")!;

        // The same tile again, twice, and once with a wrong point count: no count changes.
        var grid = new SweepGrid(spec);
        int tilePoints = grid.TilePoints(0).Length;
        node.Coordinator.Tell(new TileAnalyzed("d1", 0, tilePoints, 1));
        node.Coordinator.Tell(new TileAnalyzed("d1", 0, tilePoints, 1));
        node.Coordinator.Tell(new TileAnalyzed("d1", 0, tilePoints + 1, 1));
        // A submit of the same sweep again is acknowledged, not restarted.
        int tiles = await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("d1", spec.ToJson(), "edges", 4, 2), CancellationToken.None);
        Assert.Equal(grid.TileCount, tiles);
        var after = await SweepSession.StatusAsync(node.Coordinator, "d1", CancellationToken.None);
        Assert.Equal(done, after);
        Assert.Equal(before.Points, Reference.FromStore(cluster.Store, "d1").Points);
        Assert.Equal(row.TilesComputed, cluster.Store.GetSweep("d1")!.TilesComputed);

        // A cancelled sweep ignores late results.
        var big = Specs.OneSwitch(41, 4);
        await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("d2", big.ToJson(), "edges", 4, 1), CancellationToken.None);
        var ack = await SweepSession.AskWithRetry<SweepCommandAck>(node.Coordinator, new CancelSweep("d2"), CancellationToken.None);
        Assert.Equal("cancelled", ack.State);
        var cancelled = await SweepSession.StatusAsync(node.Coordinator, "d2", CancellationToken.None);
        var late = new SweepGrid(big).TilePoints(120).Length;
        node.Coordinator.Tell(new TileAnalyzed("d2", 120, late, 1));
        node.Coordinator.Tell(new TileAnalyzed("d-unknown", 0, late, 1));
        await Task.Delay(500);
        var still = await SweepSession.StatusAsync(node.Coordinator, "d2", CancellationToken.None);
        Assert.Equal(cancelled!.TilesDone, still!.TilesDone);
        Assert.Equal("cancelled", still.State);
        Assert.Null(await SweepSession.StatusAsync(node.Coordinator, "d-unknown", CancellationToken.None));
    }
}
