using Akka.Actor;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A tile's results go from its worker to the store, not through remoting. (They used to travel
/// in one message to the coordinator, and with remoting's default frame of 128 kB a large tile's
/// result was dropped on the wire and the tile re-sent for ever.) A large tile computed on a
/// worker node must complete with the engine's results, and what the worker sends the
/// coordinator must not grow with the tile.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LargeTileTests
{
    [Fact]
    public async Task A_large_tile_on_a_worker_node_completes_and_its_message_stays_small()
    {
        var spec = Specs.OneSwitch(24, 24);   // one tile of 576 points, about 150 kB of results
        var expected = Reference.Of(spec);
        await using var cluster = new LocalCluster();
        var coordinator = await cluster.StartAsync([ScyfiNodeSettings.CoordinatorRole]);
        var worker = await cluster.StartAsync([ScyfiNodeSettings.WorkerRole]);

        var message = new TileAnalyzed("big", 0, 576, 1);
        int bytes = coordinator.System.Serialization.FindSerializerFor(message).ToBinary(message).Length;
        Assert.True(bytes < 200, $"the worker's message is {bytes} bytes");

        await SweepSession.SubmitAsync(coordinator.Coordinator, new SubmitSweep("big", spec.ToJson(), "edges", 4, 2), CancellationToken.None);
        var final = await LocalCluster.WaitAsync(coordinator, "big", TimeSpan.FromMinutes(2), _ => Task.CompletedTask);

        Assert.Equal("completed", final.State);
        Assert.Equal(expected.Points, Reference.FromStore(cluster.Store, "big").Points);
        GC.KeepAlive(worker);
    }
}
