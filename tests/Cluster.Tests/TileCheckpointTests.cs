using Akka.Actor;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A tile's finished points reach the store while it computes (the store is its checkpoint: a
/// tile interrupted mid-way resumes where it was), each point exactly once: the computation
/// thread hands points to the entity through a queue that the checkpoint timer drains, and
/// nothing may be lost or doubled between two drains or at the end. Points do not go to the
/// journal at all, nor does the sweep's spec.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TileCheckpointTests
{
    [Fact]
    public async Task Every_point_of_a_tile_is_stored_exactly_once_and_checkpoints_come_while_it_computes()
    {
        // One tile of 128×128 points to order 4, computed on one slot: several checkpoint intervals.
        const int n = 128;
        var spec = Specs.OneSwitch(n, n, maxOrder: 4);
        await using var cluster = new LocalCluster();
        var node = await cluster.StartAsync([ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole]);
        // Every batch of points written, with its time (an SQLite trigger: batches are only
        // ever inserted).
        Execute(cluster, """
            CREATE TABLE batch_writes (id INTEGER NOT NULL, at REAL NOT NULL);
            CREATE TRIGGER batch_inserted AFTER INSERT ON scyfi_point_batches BEGIN INSERT INTO batch_writes VALUES (NEW.id, julianday('now')); END;
            """);

        await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("ckpt", spec.ToJson(), "none", 4, 1), CancellationToken.None);
        var final = await LocalCluster.WaitAsync(node, "ckpt", TimeSpan.FromMinutes(3), _ => Task.CompletedTask);
        Assert.Equal("completed", final.State);

        var writes = new List<(int Index, double Day)>();
        using (var c = cluster.Store.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT b.data, w.at FROM batch_writes w JOIN scyfi_point_batches b ON b.id = w.id ORDER BY w.at";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                double at = r.GetDouble(1);
                PointBatchCodec.Decode((byte[])r.GetValue(0), null, p => writes.Add((p.Index, at)));
            }
        }
        Assert.Equal(n * n, writes.Count);
        Assert.Equal(Enumerable.Range(0, n * n).ToHashSet(), writes.Select(w => w.Index).ToHashSet());

        var events = new List<(object Event, DateTime Written)>();
        using (var c = cluster.Store.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"SELECT payload, manifest, timestamp FROM event_journal WHERE persistence_id LIKE 'tile-{TileIds.EntityId("ckpt", 0)}@%' ORDER BY sequence_nr";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var payload = (byte[])r.GetValue(0);
                object e = node.System.Serialization.Deserialize(payload, ScyfiJsonSerializer.Id, r.GetString(1));
                events.Add((e, new DateTime(r.GetInt64(2), DateTimeKind.Utc)));   // the journal's timestamp: UTC ticks
            }
        }
        Assert.DoesNotContain(events, e => e.Event is TileCheckpoint);
        // Nor the spec: a restarted tile reads it from the sweep's row in the store.
        Assert.Null(Assert.IsType<TileAssigned>(events[0].Event).SpecJson);
        Assert.IsType<TileCompleted>(events[^1].Event);

        // The claim about checkpoints during the computation only holds if the computation was
        // longer than two checkpoint intervals, as it is on the 2-core machines this runs on.
        // A checkpoint is one batch.
        var started = events.First(e => e.Event is TileComputationStarted).Written;
        var completed = events[^1].Written;
        int checkpoints = writes.Select(w => w.Day).Distinct().Count();
        if (completed - started > 2 * TileWorker.CheckpointInterval)
            Assert.True(checkpoints >= 2, $"one checkpoint for a computation of {(completed - started).TotalSeconds:F1} s");
    }

    private static void Execute(LocalCluster cluster, string sql)
    {
        using var c = cluster.Store.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
