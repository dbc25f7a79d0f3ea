using Scyfi.Coordinator.Exports;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>The pieces of the plots: thinning, captions, the z1 range, palettes and the regime field.</summary>
public sealed class PlotPartsTests
{
    [Fact]
    public void Thinning_keeps_one_point_per_bin_in_order_and_respects_the_cap()
    {
        double[] xs = [0.01, 0.02, 0.5, 0.51, 1.5, double.NaN, 2.5];
        double[] ys = [0, 0, 0, 0, 0, 0, 0];
        var (tx, ty) = PointThinning.Thin(xs, ys, 0.1, 0.1, cap: 100);
        Assert.Equal([0.01, 0.5, 1.5, 2.5], tx);
        Assert.Equal(4, ty.Length);

        var many = Enumerable.Range(0, 10_000).Select(i => (double)i).ToList();
        var (cx, _) = PointThinning.Thin(many, many, 0.5, 0.5, cap: 1000);
        Assert.Equal(1000, cx.Length);
        Assert.Equal(0, cx[0]);
        Assert.True(cx[^1] > 9000);
    }

    [Fact]
    public void Long_regime_names_wrap_at_their_joints_and_nothing_is_lost()
    {
        string name = "stable 8-cycle + unstable 3-cycle + saddle 5-cycle + 2 saddle 6-cycles";
        string wrapped = PlotCaptions.Wrap(name, 38);
        var lines = wrapped.Split('\n');
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.Equal(name, string.Join(' ', lines));
        Assert.Equal("stable FP + saddle 2-cycle", PlotCaptions.Wrap("stable FP + saddle 2-cycle"));
    }

    [Fact]
    public void Captions_name_models_orders_and_shares()
    {
        Assert.Equal("orders 1–8", PlotCaptions.Orders([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal("orders 1, 2, 16", PlotCaptions.Orders([1, 2, 16]));
        Assert.Equal("order 16", PlotCaptions.Orders([16]));
        Assert.Equal("clipped shPLRNN", PlotCaptions.ModelName("clipped-shplrnn"));
        Assert.Equal("FP", PlotCaptions.OrderName(1));
        Assert.Equal("7-cycle", PlotCaptions.OrderName(7));
        Assert.Equal("23%", PlotCaptions.Percent(23, 100));
        Assert.Equal("4.5%", PlotCaptions.Percent(45, 1000));
        Assert.Equal("<0.1%", PlotCaptions.Percent(1, 10_000));
    }

    [Fact]
    public void The_z1_range_ignores_an_object_running_off_to_infinity_but_keeps_the_bulk()
    {
        var values = Enumerable.Range(0, 200).Select(i => i / 100.0).Append(1e6).Append(-3e5).ToArray();
        var (lo, hi) = BifurcationDiagram.YRange(values);
        Assert.True(lo <= 0 && hi >= 1.99, $"{lo}..{hi}");
        Assert.True(hi < 10 && lo > -10, $"{lo}..{hi}");

        var (flatLo, flatHi) = BifurcationDiagram.YRange([2.0, 2.0, 2.0]);
        Assert.True(flatLo < 2 && flatHi > 2);
        Assert.Equal((-1.0, 1.0), BifurcationDiagram.YRange([]));
    }

    [Fact]
    public void Palettes_give_distinct_colours_and_the_empty_regime_a_neutral_one()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"regime {i}").Prepend(RegimePalette.Empty).ToList();
        var colours = RegimePalette.Assign(names);
        Assert.Equal(RegimePalette.None, colours[0]);
        Assert.Equal(RegimePalette.Distinct, colours.Skip(1).Take(RegimePalette.Distinct).Distinct().Count());
        Assert.All(colours.Skip(1 + RegimePalette.Distinct), c => Assert.Equal(RegimePalette.Other, c));
        Assert.Equal(16, Enumerable.Range(1, 16).Select(OrderPalette.Of).Distinct().Count());
        Assert.Equal(BifurcationTypes.All.Length, BifurcationTypes.All.Select(t => BifurcationStyle.Of(t).Color).Distinct().Count());
        Assert.Equal(BifurcationTypes.All.Length, BifurcationTypes.All.Select(t => (BifurcationStyle.Of(t).Color, BifurcationStyle.Of(t).Shape)).Distinct().Count());
    }

    [Fact]
    public void The_regime_field_orders_regimes_by_area_and_covers_every_point()
    {
        var result = SyntheticSweeps.TwoD(20, 10, 0, 1, (x, _) => x < 0.7 ? [SyntheticSweeps.Object(1, Stability.Stable)] : []);
        var field = RegimeField.Of(result);
        Assert.Equal(["stable FP", RegimePalette.Empty], field.Names);
        Assert.Equal(result.Grid.PointCount, field.Counts.Sum());
        Assert.True(field.Counts[0] > field.Counts[1]);
        Assert.All(field.Index, i => Assert.InRange(i, 0, 1));
    }
}
