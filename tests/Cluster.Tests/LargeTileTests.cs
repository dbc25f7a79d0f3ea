using Akka.Actor;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A whole tile's result travels in one message from a worker node to the coordinator's node.
/// With remoting's default frame (128 kB) a large tile's result was dropped on the wire and the
/// tile re-sent for ever; the sweep must complete.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LargeTileTests
{
    [Fact]
    public async Task A_tile_result_larger_than_the_default_remoting_frame_reaches_the_coordinator()
    {
        var spec = Specs.OneSwitch(24, 24);   // one tile of 576 points
        var expected = Reference.Of(spec);
        await using var cluster = new LocalCluster();
        var coordinator = await cluster.StartAsync([ScyfiNodeSettings.CoordinatorRole]);
        var worker = await cluster.StartAsync([ScyfiNodeSettings.WorkerRole]);

        // The claim is only meaningful if the message really is larger than the old limit.
        var engine = new SweepEngine(spec, threads: 2).Run();
        var message = new TileAnalyzed("big", 0, engine.Points.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray(), 1);
        int bytes = coordinator.System.Serialization.FindSerializerFor(message).ToBinary(message).Length;
        Assert.True(bytes > 128_000, $"the tile's result is only {bytes} bytes");
        Assert.True(bytes < ScyfiAkkaSetup.MaximumFrameBytes);

        await SweepSession.SubmitAsync(coordinator.Coordinator, new SubmitSweep("big", spec.ToJson(), "edges", 4, 2), CancellationToken.None);
        var final = await LocalCluster.WaitAsync(coordinator, "big", TimeSpan.FromMinutes(2), _ => Task.CompletedTask);

        Assert.Equal("completed", final.State);
        Assert.Equal(expected.Points, Reference.FromStore(cluster.Store, "big").Points);
        GC.KeepAlive(worker);
    }
}
