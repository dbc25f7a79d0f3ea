using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// Every message and event type survives the wire and the journal: serialized with
/// <see cref="ScyfiJsonSerializer"/> and read back, it is equal in content (what serialize-messages
/// would check for each send).
/// </summary>
public sealed class SerializerRoundTripTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("roundtrip", ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.serializers.scyfi-json = "Scyfi.Messages.ScyfiJsonSerializer, Scyfi.Messages"
        akka.actor.serialization-bindings { "Scyfi.Messages.IScyfiMessage, Scyfi.Messages" = scyfi-json }
        """));

    public static TheoryData<IScyfiMessage> Messages()
    {
        var obj = new PointObject(2, [1UL, 3UL], [0.5, -1.25, 2, 3], [0.9, 0.9], [0.5, -0.5], Stability.Saddle, 1.03, 0.1, 0);
        var point = new PointResult(7, [obj], 1, 1234);
        return new TheoryData<IScyfiMessage>
        {
            new AnalyzeTile("s1", 3, [obj]),
            new AnalyzeTile("s1", 3, null),
            new AnalyzeTile("s1", 3, null, 42),
            new TileAnalyzed("s1", 3, 256, 2),
            new TileInProgress("s1", 3, 12),
            new TileAnalyzed("s1", 3, 256, 1, 2, 0.75),
            new TileInProgress("s1", 3, 0, 2),
            new TileAssigned("s1", 3, "{}", [obj]),
            new TileComputationStarted(2, 10),
            new TileCheckpoint([point, point with { Index = 8, Objects = [] }]),
            new TileCompleted(2),
            new SubmitSweep("s1", "{}", "edges", 4, 2),
            new SweepAccepted("s1", 10),
            new SweepRejected("s1", "bad"),
            new GetSweepStatus(null),
            new GetSweepStatus("s1"),
            new SweepStatusReply([new SweepStatus("s1", "running", 10, 3, 4, 48, 2, 1, null)]),
            new SweepStatus("s1", "failed", 10, 3, 4, 48, 0, 1, "why"),
            new CancelSweep("s1"),
            new ResumeSweep("s1"),
            new SweepCommandAck("s1", "cancelled"),
            new SweepSubmitted("s1", "{}", "adaptive", 3, 2, 10, 160),
            new SweepSubmitted("s1", "{}", "adaptive", 3, 2, 10, 160, new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), PlacesTiles: true),
            new TilesPlaced("s1", [3, 4], [17, 18]),
            new TileRecorded("s1", 3, 16, 1),
            new SweepFinished("s1", 12),
            new SweepStopped("s1"),
            new SweepRestarted("s1"),
            new SweepFailed("s1", "boom"),
            new CoordinatorSnapshot([new SweepRecord("s1", "{}", "edges", 4, 2, 10, 160, "running", [5UL], 3, 48, null)]),
            new SweepRecord("s2", "{}", "none", 4, 1, 1, 4, "completed", [1UL], 1, 4, null),
            new SweepRecord("s3", "{}", "none", 4, 1, 10, 40, "running", [1UL], 1, 4, null, null, true, [3, 4], [17, 18]),
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Messages_round_trip_through_the_serializer(IScyfiMessage message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<ScyfiJsonSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
        Assert.Equal(message.GetType(), back.GetType());
        // Records with arrays compare by reference: compare their JSON instead.
        Assert.Equal(JsonSerializer.Serialize(message, message.GetType(), ScyfiJsonSerializer.Options),
                     JsonSerializer.Serialize(back, back.GetType(), ScyfiJsonSerializer.Options));
    }

    [Fact]
    public void Events_and_snapshots_written_before_tiles_were_placed_read_as_sweeps_that_go_by_hash()
    {
        // What earlier versions journalled: the same records without the placement fields.
        T Old<T>(T current, params string[] added) where T : IScyfiMessage
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(current, ScyfiJsonSerializer.Options))!.AsObject();
            foreach (string name in added) Assert.True(json.Remove(name), name);
            var serializer = _system.Serialization.FindSerializerFor(current);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, current);
            return (T)_system.Serialization.Deserialize(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), serializer.Identifier, manifest);
        }

        var submitted = Old(new SweepSubmitted("s1", "{}", "edges", 4, 8, 10, 160, null, PlacesTiles: true), "PlacesTiles");
        Assert.False(submitted.PlacesTiles);
        var record = Old(new SweepRecord("s1", "{}", "edges", 4, 8, 10, 160, "running", [5UL], 3, 48, null, null, true, [1], [2]),
            "PlacesTiles", "PlacedTiles", "PlacedShards");
        Assert.False(record.PlacesTiles);
        Assert.Null(record.PlacedTiles);
        var analyze = Old(new AnalyzeTile("s1", 3, null, 42), "Shard");
        Assert.Equal(-1, analyze.Shard);
        Assert.Equal("s1/3", TileIds.EntityId(analyze.SweepId, analyze.Tile, analyze.Shard));
    }

    [Fact]
    public void Every_message_type_is_covered()
    {
        var covered = Enumerable.Select<object[], Type>(Messages(), m => m[0].GetType()).ToHashSet();
        var all = typeof(IScyfiMessage).Assembly.GetTypes().Where(t => typeof(IScyfiMessage).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract);
        Assert.Empty(all.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
