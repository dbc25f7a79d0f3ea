using Akka.Actor;
using Scyfi.Coordinator.Cluster;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// The coordinator's choice of tiles to send and of their shards: grid order, a total bound of
/// nodes × per node, no more than the per-node bound on a node whose shard is known; a new tile
/// goes to the node with room and the fewest tiles in flight (or, while a node has no known shard,
/// to a shard nobody is known to hold); a tile that has a shard keeps it, and is passed over while
/// its node is full and sent first once it has room.
/// </summary>
public sealed class TileDispatchTests
{
    private static readonly Address A = new("akka.tcp", "scyfi", "10.0.0.1", 4053);
    private static readonly Address B = new("akka.tcp", "scyfi", "10.0.0.2", 4053);

    private static SweepState Sweep(int tiles, int perNode, bool placesTiles = true) => new()
    {
        Id = "s", SpecJson = "{}", Refine = "none", AdaptiveDepth = 0, MaxInFlightPerNode = perNode,
        TilesTotal = tiles, PointsTotal = tiles, Done = new ulong[(tiles + 63) / 64], PlacesTiles = placesTiles,
    };

    /// <summary>What the coordinator does with the choice: placements applied, tiles in flight.</summary>
    private static List<TileSend> Dispatch(SweepState s, TileHomes homes)
    {
        var sends = TileDispatch.Choose(s, homes);
        foreach (var t in sends) s.InFlight[t.Tile] = DateTime.UtcNow;
        var placed = sends.Where(t => t.NewlyPlaced).ToArray();
        s.Place(new TilesPlaced(s.Id, [.. placed.Select(t => t.Tile)], [.. placed.Select(t => t.Shard)]));
        return sends;
    }

    private static void Finish(SweepState s, int tile) => s.Record(new TileRecorded(s.Id, tile, 1, 1));

    private static TileHomes Homes(params (int Shard, Address Node)[] known)
    {
        var homes = new TileHomes();
        homes.SetWorkers([A, B]);
        foreach (var (shard, node) in known) homes.Learn(shard, node, self: A);
        return homes;
    }

    private static int Load(SweepState s, TileHomes homes, Address node) =>
        s.InFlight.Keys.Count(t => s.Placed.TryGetValue(t, out int shard) && homes.HomeOf(shard) == node);

    [Fact]
    public void Without_known_nodes_sends_nodes_times_per_node_tiles_in_grid_order_to_shards_nobody_is_known_to_hold()
    {
        var s = Sweep(20, perNode: 3);
        var homes = Homes();
        var first = Dispatch(s, homes);
        Assert.Equal([0, 1, 2, 3, 4, 5], first.Select(t => t.Tile));
        Assert.All(first, t => Assert.True(t.NewlyPlaced));
        Assert.Equal(6, first.Select(t => t.Shard).Distinct().Count());
        Assert.Empty(Dispatch(s, homes));
        Finish(s, 2);
        Assert.Equal([6], Dispatch(s, homes).Select(t => t.Tile));
    }

    [Fact]
    public void A_new_tile_goes_to_the_node_with_room_and_the_fewest_tiles_in_flight()
    {
        // A holds shards 0 and 2, B holds shard 1; A computes three tiles, B one.
        var s = Sweep(30, perNode: 4);
        var homes = Homes((0, A), (1, B), (2, A));
        s.Place(new TilesPlaced("s", [0, 1, 2, 3], [0, 2, 0, 1]));
        foreach (int t in new[] { 0, 1, 2, 3 }) s.InFlight[t] = DateTime.UtcNow;
        s.NextTile = 4;

        var next = Dispatch(s, homes);
        // Four places are left: B's three, then A's one (B first while it has fewer).
        Assert.Equal([4, 5, 6, 7], next.Select(t => t.Tile));
        Assert.Equal(4, Load(s, homes, A));
        Assert.Equal(4, Load(s, homes, B));
        Assert.All(next, t => Assert.Contains(t.Shard, new[] { 0, 1, 2 }));
        Assert.Empty(Dispatch(s, homes));

        // Whichever node finishes a tile gets the next one.
        Finish(s, 3);   // B's
        var after = Assert.Single(Dispatch(s, homes));
        Assert.Equal(B, homes.HomeOf(after.Shard));
        Finish(s, 0);   // A's
        after = Assert.Single(Dispatch(s, homes));
        Assert.Equal(A, homes.HomeOf(after.Shard));
    }

    [Fact]
    public void While_a_node_has_no_known_shard_tiles_beyond_the_known_nodes_room_go_to_unknown_shards()
    {
        var s = Sweep(30, perNode: 2);
        var homes = Homes((5, A));
        var sends = Dispatch(s, homes);
        Assert.Equal([0, 1, 2, 3], sends.Select(t => t.Tile));
        Assert.Equal([5, 5], sends.Take(2).Select(t => t.Shard));
        Assert.All(sends.Skip(2), t => Assert.Null(homes.HomeOf(t.Shard)));
        // Once B is known too, and both are full, nothing more goes out.
        homes.Learn(sends[2].Shard, B, self: A);
        homes.Learn(sends[3].Shard, B, self: A);
        Assert.Empty(Dispatch(s, homes));
        Assert.Empty(s.PassedOver);
    }

    [Fact]
    public void A_placed_tile_keeps_its_shard_and_waits_for_its_node_to_have_room()
    {
        // After a failover: tiles 2..5 and 7 were placed on A's shard 0 and are not in flight any more.
        var s = Sweep(20, perNode: 2);
        var homes = Homes((0, A), (1, B));
        s.Place(new TilesPlaced("s", [0, 1, 2, 3, 4, 5, 7], [0, 0, 0, 0, 0, 0, 0]));
        foreach (int t in new[] { 0, 1 }) s.InFlight[t] = DateTime.UtcNow;
        s.NextTile = 2;

        var next = Dispatch(s, homes);
        Assert.Equal([6, 8], next.Select(t => t.Tile));
        Assert.All(next, t => Assert.Equal(1, t.Shard));
        Assert.Equal([2, 3, 4, 5, 7], s.PassedOver);

        // A finishes a tile: the first tile passed over for it goes now, to its own shard, before anything new.
        Finish(s, 0);
        var again = Assert.Single(Dispatch(s, homes));
        Assert.Equal(new TileSend(2, 0, false), again);
        Assert.Equal([3, 4, 5, 7], s.PassedOver);
    }

    [Fact]
    public void After_a_snapshot_tiles_placed_and_not_recorded_go_to_the_same_shards_again()
    {
        var s = Sweep(10, perNode: 2);
        var homes = Homes((3, A), (4, B));
        var sent = Dispatch(s, homes);
        Assert.Equal(4, sent.Count);
        Finish(s, sent[0].Tile);

        // A new coordinator recovers from the snapshot: nothing in flight, the placements kept.
        var recovered = SweepState.From(s.ToRecord());
        Assert.True(recovered.PlacesTiles);
        Assert.Equal(s.Placed, recovered.Placed);
        Assert.DoesNotContain(sent[0].Tile, recovered.Placed.Keys);
        var again = Dispatch(recovered, Homes((3, A), (4, B)));
        Assert.Equal(sent.Skip(1).Select(t => new TileSend(t.Tile, t.Shard, false)), again.Take(3));
    }

    [Fact]
    public void Tiles_of_a_sweep_submitted_before_placement_go_by_the_hash_of_their_ids()
    {
        var s = Sweep(20, perNode: 1, placesTiles: false);
        var homes = new TileHomes();
        homes.SetWorkers([A, B]);
        var sends = Dispatch(s, homes);
        Assert.Equal([0, 1], sends.Select(t => t.Tile));
        Assert.All(sends, t => Assert.Equal(new TileSend(t.Tile, -1, false), t));
        Assert.Empty(s.Placed);

        // Tile 0's shard turns out to be on A, which is full: A's other tiles wait, B's go.
        var extractor = new TileExtractor();
        int Hashed(int t) => int.Parse(extractor.ShardId(TileIds.EntityId("s", t)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Hashed(7), homes.HashedShard("s", 7));
        homes.Learn(Hashed(0), A, self: A);
        Finish(s, 1);
        var next = Dispatch(s, homes);
        Assert.All(next, t => Assert.NotEqual(Hashed(0), Hashed(t.Tile)));
    }

    [Theory]
    [InlineData(1, 1.0, 2)]     // 64×64 tiles of about a second: one queued behind the slot's
    [InlineData(2, 0.27, 6)]    // 32×32 tiles on two slots: two queued per slot
    [InlineData(1, 0.06, 8)]    // 16×16 tiles: the sweep's bound (eight per slot)
    [InlineData(4, 0.3, 8)]
    public void A_node_keeps_enough_tiles_in_flight_to_cover_the_round_trip_at_the_pace_of_the_sweeps_tiles(int slots, double seconds, int bound)
    {
        var s = Sweep(100, perNode: 8);
        var homes = Homes((0, A), (1, B));
        Assert.Equal(8, TileDispatch.BoundOn(s, homes, A));   // until the node's slots and pace are known
        homes.LearnSlots(A, slots);
        Assert.Equal(8, TileDispatch.BoundOn(s, homes, A));
        s.LearnPace(A, seconds);
        Assert.Equal(bound, TileDispatch.BoundOn(s, homes, A));
        // Another sweep's tiles have their own pace.
        Assert.Equal(8, TileDispatch.BoundOn(Sweep(100, perNode: 8), homes, A));
    }

    [Fact]
    public void With_long_tiles_each_node_gets_only_what_keeps_its_slot_busy_and_the_last_tiles_split_evenly()
    {
        var s = Sweep(6, perNode: 8);
        var homes = Homes((0, A), (1, B));
        foreach (var node in new[] { A, B }) { homes.LearnSlots(node, 1); s.LearnPace(node, 1.1); }
        var sends = Dispatch(s, homes);
        Assert.Equal([0, 1, 2, 3], sends.Select(t => t.Tile));
        Assert.Equal(2, Load(s, homes, A));
        Assert.Equal(2, Load(s, homes, B));
        // A finishes two tiles before B finishes one: the last two tiles both go to A.
        var onA = s.InFlight.Keys.Where(t => homes.HomeOf(s.Placed[t]) == A).ToList();
        Finish(s, onA[0]);
        Assert.Equal(A, homes.HomeOf(Assert.Single(Dispatch(s, homes)).Shard));
        Finish(s, onA[1]);
        Assert.Equal(A, homes.HomeOf(Assert.Single(Dispatch(s, homes)).Shard));
        Assert.Equal(2, Load(s, homes, B));
    }

    [Fact]
    public void Looks_no_further_ahead_than_four_rounds_of_tiles_in_flight()
    {
        var s = Sweep(100, perNode: 2);
        var homes = Homes((0, A), (1, B));
        s.Place(new TilesPlaced("s", [.. Enumerable.Range(0, 100)], [.. Enumerable.Repeat(0, 100)]));
        foreach (int t in new[] { 0, 1 }) s.InFlight[t] = DateTime.UtcNow;
        s.NextTile = 2;
        // Every tile is placed on A, which is full: B has room, but no tile for it turns up.
        Assert.Empty(Dispatch(s, homes));
        Assert.Equal(16, s.PassedOver.Count);
        Assert.Equal(18, s.NextTile);
    }

    [Fact]
    public void Tiles_passed_over_that_were_done_meanwhile_are_dropped()
    {
        var s = Sweep(8, perNode: 1);
        var homes = Homes((0, A), (1, B));
        s.Place(new TilesPlaced("s", [0, 1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 1, 1, 1, 1]));
        s.InFlight[0] = DateTime.UtcNow;
        s.NextTile = 1;
        Assert.Equal([4], Dispatch(s, homes).Select(t => t.Tile));
        Assert.Equal([1, 2, 3], s.PassedOver);
        // Tile 1 was recorded all the same (the answer of an earlier assignment, before a failover).
        Finish(s, 1);
        Finish(s, 0);
        Assert.Equal([2], Dispatch(s, homes).Select(t => t.Tile));
        Assert.Equal([3], s.PassedOver);
    }

    [Fact]
    public void Tiles_lost_in_flight_are_sent_again_once_the_cursor_has_passed_the_end()
    {
        var s = Sweep(3, perNode: 2);
        var homes = Homes();
        var first = Dispatch(s, homes);
        Assert.Equal([0, 1, 2], first.Select(t => t.Tile));
        Finish(s, 0);
        Finish(s, 2);
        Assert.Empty(Dispatch(s, homes));
        // Tile 1 came back with too few points: the coordinator took it off the tiles in flight
        // without recording it, to ask for it again, in the shard it was placed in.
        s.InFlight.Remove(1);
        Assert.Empty(Dispatch(s, homes));
        Assert.Equal([new TileSend(1, first[1].Shard, false)], Dispatch(s, homes));
    }

    [Fact]
    public void Shard_homes_are_learned_from_answers_and_forgotten_with_their_node()
    {
        var homes = new TileHomes();
        homes.SetWorkers([A, B]);
        Assert.Null(homes.HomeOf(7));
        Assert.False(homes.Knows(A));
        // A local tile entity answers with a local address: that is the coordinator's own node.
        homes.Learn(7, new Address("akka", "scyfi"), self: A);
        Assert.Equal(A, homes.HomeOf(7));
        Assert.True(homes.Knows(A));
        Assert.Equal(7, homes.ShardOn(A));
        Assert.Equal(-1, homes.ShardOn(B));
        Assert.Equal(8, homes.UnseenShard(7));
        // After a rebalance the next answer moves it; a node that leaves takes its shards' homes along.
        homes.Learn(7, B, self: A);
        Assert.Equal(B, homes.HomeOf(7));
        homes.SetWorkers([A]);
        Assert.Null(homes.HomeOf(7));
        // An answer from a member that is not an up worker teaches nothing.
        homes.Learn(7, B, self: A);
        Assert.Null(homes.HomeOf(7));
    }
}
