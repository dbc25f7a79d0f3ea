using Akka.Actor;

namespace Scyfi.Coordinator.Cluster;

/// <summary>A tile to send: the shard in its message, and whether that shard was chosen just now (to be journalled first).</summary>
internal readonly record struct TileSend(int Tile, int Shard, bool NewlyPlaced);

/// <summary>
/// Which tiles of a sweep the coordinator sends next, and to which shard: in grid order, while
/// fewer are in flight than the nodes' bounds together, and no more than its bound on any one node
/// (<see cref="BoundOn"/>: enough to keep its slots busy, at most
/// <see cref="SweepState.MaxInFlightPerNode"/>), as far as the node of a shard is known
/// (<see cref="TileHomes"/>; a tile of an unknown node counts only against the total).
/// <list type="bullet">
/// <item>A tile not placed yet (every tile of a new sweep) goes to a shard of the node with the
/// most room (its bound less its tiles in flight); while some node has no known shard, to a shard
/// of unknown node instead, which sharding allocates where there are fewest.</item>
/// <item>A tile with a shard already (placed before a failover or a cancel, or a tile of a sweep
/// that goes by hash) must go there; if that node is full it is passed over
/// (<see cref="SweepState.PassedOver"/>) and sent first once the node has room.</item>
/// </list>
/// Placing tiles is what keeps every node busy to the end of a sweep: by hash, a sweep's tiles
/// fell unevenly on the nodes, and the node with fewer ran out of work first
/// (bench/results/cluster-profile.md §20).
/// </summary>
internal static class TileDispatch
{
    /// <summary>
    /// The tiles to send now, in order; advances the sweep's cursor and its passed-over set, and
    /// leaves <see cref="SweepState.InFlight"/> and <see cref="SweepState.Placed"/> to the caller,
    /// which journals the new placements and sends the tiles.
    /// </summary>
    public static List<TileSend> Choose(SweepState s, TileHomes homes)
    {
        var chosen = new List<TileSend>();
        int cap = s.MaxInFlightPerNode;
        // Each up worker's room: its bound less its tiles in flight (as far as their nodes are known).
        var room = homes.Workers.ToDictionary(n => n, n => BoundOn(s, homes, n));
        int capacity = (room.Count == 0 ? cap : room.Values.Sum()) - s.InFlight.Count;
        if (capacity <= 0) return chosen;
        foreach (int tile in s.InFlight.Keys)
            if (FixedShard(s, homes, tile) is { } shard && homes.HomeOf(shard) is { } node && room.ContainsKey(node)) room[node]--;
        // Which nodes hold a known shard does not change while tiles are chosen (it is learnt from
        // the tiles' answers), so it is looked up once here, not for every tile.
        var known = homes.Workers.Where(homes.Knows).ToList();
        bool newShardMayHelp = room.Count == 0 || known.Count < room.Count;

        TileSend? Fit(int tile, int? fixedShard)
        {
            if (fixedShard is { } shard)
            {
                if (homes.HomeOf(shard) is { } home && room.TryGetValue(home, out int left))
                {
                    if (left <= 0) return null;
                    room[home] = left - 1;
                }
                return new TileSend(tile, s.MessageShard(tile), false);
            }
            // Not placed: the known node with the most room (so that a node with more slots gets
            // more tiles), else a new shard while some node has none known (it may be that
            // node's), else nowhere for now.
            Address? best = null;
            foreach (var node in known)
                if (room[node] > 0 && (best is null || room[node] > room[best])) best = node;
            if (best is not null)
            {
                room[best]--;
                return new TileSend(tile, homes.ShardOn(best), true);
            }
            if (newShardMayHelp)
            {
                int unseen = homes.UnseenShard(tile);
                if (unseen >= 0) return new TileSend(tile, unseen, true);
            }
            return null;
        }

        foreach (int tile in s.PassedOver.ToList())
        {
            if (chosen.Count == capacity) return chosen;
            if (s.IsDone(tile) || s.InFlight.ContainsKey(tile)) s.PassedOver.Remove(tile);
            else if (Fit(tile, FixedShard(s, homes, tile)) is { } send) { s.PassedOver.Remove(tile); chosen.Add(send); }
        }
        // A tile with a fixed shard is usually a few tiles ahead of its node's next one. Looking
        // much further is not worth it: a full node frees a place with its next finished tile, and
        // tiles far ahead of the others find fewer finished neighbours for their warm start.
        int lookAhead = 4 * Math.Max(1, room.Count) * cap;
        while (chosen.Count < capacity && s.NextTile < s.TilesTotal && s.PassedOver.Count < lookAhead)
        {
            int tile = s.NextTile++;
            if (s.IsDone(tile) || s.InFlight.ContainsKey(tile)) continue;
            int? fixedShard = FixedShard(s, homes, tile);
            if (Fit(tile, fixedShard) is { } send) chosen.Add(send);
            else if (fixedShard is not null) s.PassedOver.Add(tile);
            else { s.NextTile--; break; }   // no node has room for a free tile, so none for the next ones either
        }
        // Tiles skipped earlier (in flight when the cursor passed, then lost) are picked up again.
        if (s.NextTile >= s.TilesTotal && s.InFlight.Count == 0 && chosen.Count == 0 && s.PassedOver.Count == 0 && !s.AllDone) s.NextTile = 0;
        return chosen;
    }

    /// <summary>
    /// The time a node's next tile should be ready for: a finished tile's answer, its recording,
    /// the next tile's placement and warm start, its message, its entity's start and journal write.
    /// That round trip's p90 was 0.3 s on SQLite with 16×16 tiles (the reason for eight tiles per
    /// slot then).
    /// </summary>
    public static readonly double RoundTripSeconds = 0.5;

    /// <summary>
    /// How many of the sweep's tiles <paramref name="node"/> should have in flight: a tile per slot
    /// plus enough queued behind each to cover <see cref="RoundTripSeconds"/> at the pace of the
    /// sweep's tiles on that node, never more than <see cref="SweepState.MaxInFlightPerNode"/>
    /// (which also holds until the node's slots and pace are known). Short tiles need a deep queue;
    /// long ones must not have one: the tiles queued on a node when the sweep has no more to place
    /// are that node's alone, and with eight per slot and 64×64 tiles (about 1 s each) one node ran
    /// out of work while the other still had several queued (bench/results/cluster-profile.md §20).
    /// </summary>
    public static int BoundOn(SweepState s, TileHomes homes, Address node)
    {
        int cap = Math.Max(1, s.MaxInFlightPerNode);
        int slots = homes.SlotsOf(node);
        if (slots <= 0 || !s.SecondsPerTile.TryGetValue(node, out double seconds) || seconds <= 0) return cap;
        int queuedPerSlot = (int)Math.Ceiling(RoundTripSeconds / seconds);
        return Math.Min(cap, slots * (1 + queuedPerSlot));
    }

    /// <summary>The shard a tile must go to: its placement, or its hash for a sweep that does not place tiles; null if it is free to place.</summary>
    public static int? FixedShard(SweepState s, TileHomes homes, int tile) =>
        s.Placed.TryGetValue(tile, out int shard) ? shard : s.PlacesTiles ? null : homes.HashedShard(s.Id, tile);
}
