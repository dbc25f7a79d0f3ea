using Akka.Actor;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A tile's finished points reach its journal while it computes (so a tile interrupted mid-way
/// resumes where it was), each point exactly once: the computation thread hands points to the
/// entity through a queue that the checkpoint timer drains, and nothing may be lost or doubled
/// between two drains or at the end.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TileCheckpointTests
{
    [Fact]
    public async Task Every_point_of_a_tile_is_checkpointed_exactly_once_and_checkpoints_come_while_it_computes()
    {
        // One tile of 128×128 points to order 4, computed on one slot: several checkpoint intervals.
        const int n = 128;
        var spec = Specs.OneSwitch(n, n, maxOrder: 4);
        await using var cluster = new LocalCluster();
        var node = await cluster.StartAsync([ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole]);

        await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("ckpt", spec.ToJson(), "none", 4, 1), CancellationToken.None);
        var final = await LocalCluster.WaitAsync(node, "ckpt", TimeSpan.FromMinutes(3), _ => Task.CompletedTask);
        Assert.Equal("completed", final.State);

        var events = new List<(object Event, DateTime Written)>();
        using (var c = cluster.Store.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"SELECT payload, manifest, timestamp FROM event_journal WHERE persistence_id = 'tile-{TileIds.EntityId("ckpt", 0)}' ORDER BY sequence_nr";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var payload = (byte[])r.GetValue(0);
                object e = node.System.Serialization.Deserialize(payload, ScyfiJsonSerializer.Id, r.GetString(1));
                events.Add((e, new DateTime(r.GetInt64(2), DateTimeKind.Utc)));   // the journal's timestamp: UTC ticks
            }
        }

        var checkpoints = events.Where(e => e.Event is TileCheckpoint).ToList();
        var indices = checkpoints.SelectMany(e => ((TileCheckpoint)e.Event).Points.Select(p => p.Index)).ToList();
        Assert.Equal(n * n, indices.Count);
        Assert.Equal(Enumerable.Range(0, n * n).ToHashSet(), indices.ToHashSet());
        Assert.IsType<TileCompleted>(events[^1].Event);

        // The claim about checkpoints during the computation only holds if the computation was
        // longer than two checkpoint intervals, as it is on the 2-core machines this runs on.
        var started = events.First(e => e.Event is TileComputationStarted).Written;
        var completed = events[^1].Written;
        if (completed - started > 2 * TileWorker.CheckpointInterval)
            Assert.True(checkpoints.Count >= 2, $"one checkpoint for a computation of {(completed - started).TotalSeconds:F1} s");
    }
}
