using Xunit;
using Scyfi.Core.Sweeps;

namespace Scyfi.Core.Tests.Sweeps;

/// <summary>The warm-up before a member starts: bounded by its budget and by cancellation, never by an exception.</summary>
public sealed class FinderWarmUpTests
{
    [Fact]
    public void A_sweep_smaller_than_the_budget_is_computed_whole_once()
    {
        var spec = SweepSpecs.OneSwitch(12, 12);
        Assert.Equal(new SweepGrid(spec).PointCount, FinderWarmUp.Run(spec, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_cancelled_warm_up_returns_without_throwing()
    {
        var spec = SweepSpecs.OneSwitch(200, 200, maxOrder: 4);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Equal(0, FinderWarmUp.Run(spec, TimeSpan.FromMinutes(5), cts.Token));
    }

    [Fact]
    public void The_budget_stops_a_large_sweep_part_way()
    {
        var spec = SweepSpecs.OneSwitch(300, 300, maxOrder: 4);
        int points = FinderWarmUp.Run(spec, TimeSpan.FromMilliseconds(200));
        Assert.InRange(points, 0, new SweepGrid(spec).PointCount - 1);
    }

    [Fact]
    public void The_generic_warm_up_is_a_computable_sweep_to_order_4()
    {
        // What `scyfi node` warms with before it joins: it must parse and run to the end.
        var spec = FinderWarmUp.Generic;
        Assert.Equal([1, 2, 3, 4], spec.Orders);
        Assert.Equal(new SweepGrid(spec).PointCount, FinderWarmUp.Run(spec, TimeSpan.FromMinutes(5)));
    }
}
