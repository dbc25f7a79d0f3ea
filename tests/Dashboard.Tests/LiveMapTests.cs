using Scyfi.Coordinator.Dashboard;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.Dashboard.Tests;

/// <summary>
/// The live map of a running sweep takes a tile from the store only once all of its points are
/// there. A tile worker stores a long tile's points in several checkpoints, in the order it
/// computes them; a tile taken with its first checkpoint stayed half-filled until the sweep ended.
/// </summary>
public sealed class LiveMapTests
{
    [Fact]
    public void A_tile_stored_in_part_appears_only_once_it_is_complete()
    {
        using var dir = new TempDirectory();
        var store = new SweepStore(StoreLocation.Parse(dir.File("s.db")));
        store.EnsureReady();
        var grid = new SweepGrid(SweepSpec.Parse(SweepSpecs.OneSwitch(points: 10, tile: 5)));
        var map = new SweepPoints("s", grid);
        int[] tile = grid.TilePoints(1);
        PointResult Point(int index) => new(index, [], 0, 1);

        // The first checkpoint: the first half of the tile's points, in computation order.
        store.WritePoints("s", 1, [.. tile[..(tile.Length / 2)].Select(Point)]);
        map.Refresh(store, "running");
        Assert.Equal(0, map.Count);

        // The rest, as the tile finishes.
        store.WritePoints("s", 1, [.. tile[(tile.Length / 2)..].Select(Point)]);
        map.Refresh(store, "running");
        Assert.Equal(tile.Length, map.Count);
    }
}
