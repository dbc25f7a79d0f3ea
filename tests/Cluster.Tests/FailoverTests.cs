using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// Failure behaviour of issue 4, tests 1 and 2: three ActorSystems on loopback; one is stopped
/// hard mid-sweep; the sweep still completes with exactly the results of an uninterrupted run
/// (the in-process engine), every tile recorded once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests
{
    private static readonly string[] BothRoles = [ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole];

    [Fact]
    public async Task Worker_node_stopped_hard_mid_sweep_changes_nothing()
    {
        var spec = Specs.OneSwitch(41, 4);   // 121 tiles of up to 16 points
        var expected = Reference.Of(spec);
        await using var cluster = new LocalCluster();
        var coordinator = await cluster.StartAsync([ScyfiNodeSettings.CoordinatorRole]);
        var worker1 = await cluster.StartAsync([ScyfiNodeSettings.WorkerRole]);
        var victim = await cluster.StartAsync([ScyfiNodeSettings.WorkerRole], crashable: true);

        await SweepSession.SubmitAsync(coordinator.Coordinator, new SubmitSweep("w1", spec.ToJson(), "edges", 4, 2), CancellationToken.None);
        bool crashed = false;
        var final = await LocalCluster.WaitAsync(coordinator, "w1", TimeSpan.FromMinutes(4), async s =>
        {
            if (!crashed && s.TilesDone >= 10)
            {
                crashed = true;
                await LocalCluster.CrashAsync(victim);
            }
        });

        Assert.True(crashed, "the worker was never stopped: the sweep finished too early");
        Assert.Equal("completed", final.State);
        Assert.Equal(final.TilesTotal, final.TilesDone);
        var actual = Reference.FromStore(cluster.Store, "w1");
        Assert.Equal(expected.Points, actual.Points);
        Assert.Equal(expected.Bifurcations, actual.Bifurcations);
        Assert.Equal(final.TilesDone, cluster.Store.GetSweep("w1")!.TilesDone);
        GC.KeepAlive(worker1);
    }

    [Fact]
    public async Task Coordinator_node_crash_moves_the_singleton_which_recovers_from_the_journal()
    {
        var spec = Specs.OneSwitch(41, 4);
        var expected = Reference.Of(spec);
        await using var cluster = new LocalCluster();
        // The first member is the oldest, so it hosts the coordinator singleton.
        var victim = await cluster.StartAsync(BothRoles, crashable: true);
        var second = await cluster.StartAsync(BothRoles);
        var third = await cluster.StartAsync(BothRoles);

        await SweepSession.SubmitAsync(second.Coordinator, new SubmitSweep("c1", spec.ToJson(), "edges", 4, 2), CancellationToken.None);
        bool crashed = false;
        var final = await LocalCluster.WaitAsync(second, "c1", TimeSpan.FromMinutes(4), async s =>
        {
            if (!crashed && s.TilesDone >= 10)
            {
                crashed = true;
                await LocalCluster.CrashAsync(victim);
            }
        });

        Assert.True(crashed);
        Assert.Equal("completed", final.State);
        Assert.True(final.TilesDone < 121 || final.TilesComputed >= final.TilesDone);
        var actual = Reference.FromStore(cluster.Store, "c1");
        Assert.Equal(expected.Points, actual.Points);
        Assert.Equal(expected.Bifurcations, actual.Bifurcations);
        GC.KeepAlive(third);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
