using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// The coordinator's state of one sweep: the durable part (spec, recorded-tile bitmap, counters;
/// rebuilt from events and snapshots) plus runtime bookkeeping (tiles in flight, cursor, retries)
/// that is deliberately not persisted — after a failover, tiles are simply asked for again.
/// </summary>
internal sealed class SweepState
{
    private SweepGrid? _grid;

    public required string Id { get; init; }
    public required string SpecJson { get; init; }
    public required string Refine { get; init; }
    public required int AdaptiveDepth { get; init; }
    public required int MaxInFlightPerNode { get; init; }
    public required int TilesTotal { get; init; }
    public required long PointsTotal { get; init; }
    public required ulong[] Done { get; init; }
    /// <summary>True for sweeps whose tiles the coordinator places in shards (all since 2026-11-30); false: by hash.</summary>
    public bool PlacesTiles { get; init; }
    /// <summary>The shard of each tile placed and not yet recorded (durable: <see cref="TilesPlaced"/>).</summary>
    public Dictionary<int, int> Placed { get; } = [];
    public string State { get; set; } = "running";
    public int TilesDone { get; set; }
    public int TilesComputed { get; set; }
    public long PointsDone { get; set; }
    public string? Message { get; set; }

    public Dictionary<int, DateTime> InFlight { get; } = [];
    /// <summary>Seconds a tile of this sweep held a slot on each node, averaged over its recent tiles (not persisted).</summary>
    public Dictionary<Akka.Actor.Address, double> SecondsPerTile { get; } = [];
    public int NextTile { get; set; }
    /// <summary>Tiles behind the cursor not sent yet because their node had its tiles in flight, in grid order.</summary>
    public SortedSet<int> PassedOver { get; } = [];
    public int Retries { get; set; }
    public bool Analysing { get; set; }
    /// <summary>When the store's row of this sweep was last written, and whether it has fallen behind (not persisted).</summary>
    public DateTime StoreUpdated { get; set; }
    public bool StoreBehind { get; set; }
    public DateTime Started { get; init; } = DateTime.UtcNow;

    public SweepGrid Grid => _grid ??= new SweepGrid(SweepSpec.Parse(SpecJson));
    public bool AllDone => TilesDone == TilesTotal;
    public bool IsDone(int tile) => (Done[tile >> 6] & (1UL << (tile & 63))) != 0;

    public static SweepState New(SweepSubmitted e) => new()
    {
        Id = e.SweepId, SpecJson = e.SpecJson, Refine = e.Refine, AdaptiveDepth = e.AdaptiveDepth,
        MaxInFlightPerNode = e.MaxInFlightPerNode, TilesTotal = e.TilesTotal, PointsTotal = e.PointsTotal,
        Done = new ulong[(e.TilesTotal + 63) / 64],
        Started = e.SubmittedAt ?? DateTime.UtcNow, PlacesTiles = e.PlacesTiles,
    };

    public static SweepState From(SweepRecord r)
    {
        var s = FromCounters(r);
        s.Place(r.PlacedTiles ?? [], r.PlacedShards ?? []);
        return s;
    }

    private static SweepState FromCounters(SweepRecord r) => new()
    {
        Id = r.Id, SpecJson = r.SpecJson, Refine = r.Refine, AdaptiveDepth = r.AdaptiveDepth, MaxInFlightPerNode = r.MaxInFlightPerNode,
        TilesTotal = r.TilesTotal, PointsTotal = r.PointsTotal, Done = (ulong[])r.Done.Clone(),
        State = r.State, TilesDone = CountBits(r.Done), TilesComputed = r.TilesComputed, PointsDone = r.PointsDone, Message = r.Message,
        Started = r.SubmittedAt ?? DateTime.UtcNow, PlacesTiles = r.PlacesTiles,
    };

    public SweepRecord ToRecord() => new(Id, SpecJson, Refine, AdaptiveDepth, MaxInFlightPerNode, TilesTotal, PointsTotal, State,
        (ulong[])Done.Clone(), TilesComputed, PointsDone, Message, Started, PlacesTiles, [.. Placed.Keys], [.. Placed.Values]);

    /// <summary>Averages a finished tile's seconds in its slot into its node's pace for this sweep.</summary>
    public void LearnPace(Akka.Actor.Address node, double computeSeconds)
    {
        if (computeSeconds <= 0) return;
        SecondsPerTile[node] = SecondsPerTile.TryGetValue(node, out double mean) ? 0.7 * mean + 0.3 * computeSeconds : computeSeconds;
    }

    /// <summary>Applies placed tiles (a tile recorded meanwhile needs none).</summary>
    public void Place(TilesPlaced e) => Place(e.Tiles, e.Shards);

    private void Place(int[] tiles, int[] shards)
    {
        for (int i = 0; i < Math.Min(tiles.Length, shards.Length); i++)
            if (!IsDone(tiles[i])) Placed[tiles[i]] = shards[i];
    }

    /// <summary>The shard in a tile's message: its placement, or -1 (by hash) for a tile of a sweep that does not place tiles.</summary>
    public int MessageShard(int tile) => Placed.TryGetValue(tile, out int shard) ? shard : -1;

    /// <summary>Applies a recorded tile (the bitmap makes it idempotent).</summary>
    public void Record(TileRecorded e)
    {
        if (IsDone(e.Tile)) return;
        Done[e.Tile >> 6] |= 1UL << (e.Tile & 63);
        TilesDone++;
        TilesComputed += Math.Max(1, e.Computations);
        PointsDone += e.Points;
        InFlight.Remove(e.Tile);
        Placed.Remove(e.Tile);
    }

    public SweepStatus Status() => new(Id, Analysing && State == "running" ? "analysing" : State, TilesTotal, TilesDone, TilesComputed, PointsDone, InFlight.Count, Retries, Message);

    private static int CountBits(ulong[] words) => words.Sum(w => System.Numerics.BitOperations.PopCount(w));
}
