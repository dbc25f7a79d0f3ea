using Xunit;
using Scyfi.Core.Sweeps;

namespace Scyfi.Core.Tests.Sweeps;

/// <summary>
/// Warm start across tiles: objects found along a finished neighbour's edge are solved at the
/// new tile's points and added exactly where they are real, without losing anything the
/// heuristic found.
/// </summary>
public sealed class TileWarmStartTests
{
    [Fact]
    public void Neighbour_objects_are_added_exactly_where_they_are_real()
    {
        // Tile 0 is computed first; its objects along the shared edge are then given to tile 1.
        var spec = SweepSpecs.OneSwitch(24, 24, maxOrder: 4);
        var grid = new SweepGrid(spec);
        Assert.Equal(9, grid.TileCount);
        var neighbour = new TileRunner(grid, new PointAnalyzer(spec)).Run(0, []);
        var tile1 = grid.TilePoints(1).ToHashSet();
        var edgeObjects = neighbour.Where(p => grid.Neighbours(p.Index).Any(tile1.Contains))
            .SelectMany(p => p.Objects).DistinctBy(o => string.Join(",", o.Itinerary)).ToArray();
        Assert.NotEmpty(edgeObjects);

        var runner = new TileRunner(grid, new PointAnalyzer(spec));
        var without = runner.Run(1, []).ToDictionary(p => p.Index);
        var with = runner.Run(1, [], neighbourObjects: edgeObjects).ToDictionary(p => p.Index);

        foreach (int index in tile1)
        {
            var (a, b) = (without[index], with[index]);
            // Nothing the heuristic found is lost.
            Assert.All(a.Objects, o => Assert.True(b.Has(o)));
            var model = spec.ModelAt(grid.AxisValues(index));
            foreach (var o in edgeObjects)
            {
                // Every neighbour object that exists at this point is in its result, and nothing is
                // added that does not exist here.
                bool real = ItineraryProbe.Probe(model, o.Itinerary, o.Order, spectrum: false).Object is not null;
                if (real) Assert.True(b.Has(o), $"object of order {o.Order} missing at point {index}");
                else Assert.False(b.Has(o));
            }
        }
    }
}
