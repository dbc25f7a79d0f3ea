using Akka.Actor;
using Scyfi.Coordinator.Cluster;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// The coordinator's choice of tiles to send: grid order, a total bound of nodes × per node, and
/// no more than the per-node bound on a node whose tiles are known to go there; a tile passed over
/// for a full node goes first once that node has room.
/// </summary>
public sealed class TileDispatchTests
{
    private static readonly Address A = new("akka.tcp", "scyfi", "10.0.0.1", 4053);
    private static readonly Address B = new("akka.tcp", "scyfi", "10.0.0.2", 4053);

    private static SweepState Sweep(int tiles, int perNode) => new()
    {
        Id = "s", SpecJson = "{}", Refine = "none", AdaptiveDepth = 0, MaxInFlightPerNode = perNode,
        TilesTotal = tiles, PointsTotal = tiles, Done = new ulong[(tiles + 63) / 64],
    };

    private static void Send(SweepState s, IEnumerable<int> tiles)
    {
        foreach (int t in tiles) s.InFlight[t] = DateTime.UtcNow;
    }

    private static void Finish(SweepState s, int tile) =>
        s.Record(new Scyfi.Messages.TileRecorded(s.Id, tile, 1, 1));

    [Fact]
    public void Without_known_nodes_sends_nodes_times_per_node_tiles_in_grid_order()
    {
        var s = Sweep(20, perNode: 3);
        Assert.Equal([0, 1, 2, 3, 4, 5], TileDispatch.Choose(s, 2, _ => null));
        Send(s, [0, 1, 2, 3, 4, 5]);
        Assert.Empty(TileDispatch.Choose(s, 2, _ => null));
        Finish(s, 2);
        Assert.Equal([6], TileDispatch.Choose(s, 2, _ => null));
    }

    [Fact]
    public void A_full_node_gets_no_more_tiles_and_the_other_node_gets_the_next_ones_of_its_own()
    {
        // Tiles 0..5 and 7 go to A, 6 and 8.. to B; A already computes 0 and 1.
        Address? NodeOf(int t) => t <= 5 || t == 7 ? A : B;
        var s = Sweep(20, perNode: 2);
        s.NextTile = 2;
        Send(s, [0, 1]);

        var next = TileDispatch.Choose(s, 2, NodeOf);
        Assert.Equal([6, 8], next);
        Assert.Equal([2, 3, 4, 5, 7], s.PassedOver);
        Send(s, next);

        // A finishes a tile: the first tile passed over for it goes now, before anything new.
        Finish(s, 0);
        Assert.Equal([2], TileDispatch.Choose(s, 2, NodeOf));
        Assert.Equal([3, 4, 5, 7], s.PassedOver);
    }

    [Fact]
    public void Looks_no_further_ahead_than_four_rounds_of_tiles_in_flight()
    {
        var s = Sweep(100, perNode: 2);
        Send(s, [0, 1]);
        s.NextTile = 2;
        // Every tile goes to A, which is full: B has room, but no tile for it turns up.
        Assert.Empty(TileDispatch.Choose(s, 2, _ => A));
        Assert.Equal(16, s.PassedOver.Count);
        Assert.Equal(18, s.NextTile);
    }

    [Fact]
    public void Tiles_passed_over_that_were_done_meanwhile_are_dropped()
    {
        Address? NodeOf(int t) => t < 4 ? A : B;
        var s = Sweep(8, perNode: 1);
        Send(s, [0]);
        s.NextTile = 1;
        Assert.Equal([4], TileDispatch.Choose(s, 2, NodeOf));
        Assert.Equal([1, 2, 3], s.PassedOver);
        Send(s, [4]);
        // Tile 1 was recorded all the same (the answer of an earlier assignment, before a failover).
        Finish(s, 1);
        Finish(s, 0);
        Assert.Equal([2], TileDispatch.Choose(s, 2, NodeOf));
        Assert.Equal([3], s.PassedOver);
    }

    [Fact]
    public void Tiles_lost_in_flight_are_sent_again_once_the_cursor_has_passed_the_end()
    {
        var s = Sweep(3, perNode: 2);
        var first = TileDispatch.Choose(s, 2, _ => null);
        Assert.Equal([0, 1, 2], first);
        Send(s, first);
        Finish(s, 0);
        Finish(s, 2);
        Assert.Empty(TileDispatch.Choose(s, 2, _ => null));
        // Tile 1 came back with too few points: the coordinator took it off the tiles in flight
        // without recording it, to ask for it again.
        s.InFlight.Remove(1);
        Assert.Empty(TileDispatch.Choose(s, 2, _ => null));
        Assert.Equal([1], TileDispatch.Choose(s, 2, _ => null));
    }

    [Fact]
    public void Tile_homes_are_learned_per_shard_from_answers_and_forgotten_with_their_node()
    {
        var homes = new TileHomes();
        homes.SetWorkers([A, B]);
        Assert.Null(homes.HomeOf("s", 7));
        // A local tile entity answers with a local address: that is the coordinator's own node.
        homes.Learn("s", 7, new Address("akka", "scyfi"), self: A);
        Assert.Equal(A, homes.HomeOf("s", 7));
        // Another tile of the same shard goes to the same node.
        var extractor = new Scyfi.Messages.TileExtractor();
        int sameShard = Enumerable.Range(8, 10_000).First(t =>
            extractor.ShardId(Scyfi.Messages.TileIds.EntityId("s", t)) == extractor.ShardId(Scyfi.Messages.TileIds.EntityId("s", 7)));
        Assert.Equal(A, homes.HomeOf("s", sameShard));
        // After a rebalance the next answer moves it; a node that leaves takes its shards' homes along.
        homes.Learn("s", sameShard, B, self: A);
        Assert.Equal(B, homes.HomeOf("s", 7));
        homes.SetWorkers([A]);
        Assert.Null(homes.HomeOf("s", 7));
        // An answer from a member that is not an up worker teaches nothing.
        homes.Learn("s", 7, B, self: A);
        Assert.Null(homes.HomeOf("s", 7));
    }
}
