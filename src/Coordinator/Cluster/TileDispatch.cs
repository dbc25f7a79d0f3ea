using Akka.Actor;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// Which tiles of a sweep the coordinator sends next: in grid order, while fewer than
/// nodes × <see cref="SweepState.MaxInFlightPerNode"/> are in flight, and no more than
/// <see cref="SweepState.MaxInFlightPerNode"/> to any one node, as far as the node of a tile is
/// known (<see cref="TileHomes"/>; a tile of an unknown node counts only against the total). A
/// tile whose node is full is passed over (<see cref="SweepState.PassedOver"/>) and sent first once
/// that node has room.
/// </summary>
internal static class TileDispatch
{
    /// <summary>
    /// The tiles to send now, in order; advances the sweep's cursor and its passed-over set, and
    /// leaves <see cref="SweepState.InFlight"/> to the caller, which sends them.
    /// </summary>
    public static List<int> Choose(SweepState s, int workerNodes, Func<int, Address?> nodeOf)
    {
        var chosen = new List<int>();
        int nodes = Math.Max(1, workerNodes);
        int capacity = nodes * s.MaxInFlightPerNode - s.InFlight.Count;
        if (capacity <= 0) return chosen;
        var load = new Dictionary<Address, int>();
        foreach (int tile in s.InFlight.Keys)
            if (nodeOf(tile) is { } node) load[node] = load.GetValueOrDefault(node) + 1;

        bool Fits(int tile)
        {
            if (nodeOf(tile) is not { } node) return true;
            int onNode = load.GetValueOrDefault(node);
            if (onNode >= s.MaxInFlightPerNode) return false;
            load[node] = onNode + 1;
            return true;
        }

        foreach (int tile in s.PassedOver.ToList())
        {
            if (chosen.Count == capacity) return chosen;
            if (s.IsDone(tile) || s.InFlight.ContainsKey(tile)) s.PassedOver.Remove(tile);
            else if (Fits(tile)) { s.PassedOver.Remove(tile); chosen.Add(tile); }
        }
        // Tiles are routed by a hash, so a node's next tile is usually a few tiles ahead. Looking
        // much further is not worth it: a full node frees a place with its next finished tile, and
        // tiles far ahead of the others find fewer finished neighbours for their warm start.
        int lookAhead = 4 * nodes * s.MaxInFlightPerNode;
        while (chosen.Count < capacity && s.NextTile < s.TilesTotal && s.PassedOver.Count < lookAhead)
        {
            int tile = s.NextTile++;
            if (s.IsDone(tile) || s.InFlight.ContainsKey(tile)) continue;
            if (Fits(tile)) chosen.Add(tile); else s.PassedOver.Add(tile);
        }
        // Tiles skipped earlier (in flight when the cursor passed, then lost) are picked up again.
        if (s.NextTile >= s.TilesTotal && s.InFlight.Count == 0 && chosen.Count == 0 && s.PassedOver.Count == 0 && !s.AllDone) s.NextTile = 0;
        return chosen;
    }
}
