using Scyfi.Core.Cycles;
using Scyfi.Core.Models;
using Xunit;

namespace Scyfi.Core.Tests.Cycles;

/// <summary>Closed forms of science.md §7 and the degenerate cases at bifurcation values.</summary>
public class AnalyticSystemTests
{
    internal static Plrnn Tent(double al, double ar, double mu = 1) =>
        new(ParameterArray.Matrix("A", [[al]]), ParameterArray.Matrix("W", [[ar - al]]), ParameterArray.Vector("h", [mu]));

    internal static Plrnn OneSwitch(double al, double ar) =>
        new(ParameterArray.Matrix("A", [[al, 0.8], [-0.4, 0.2]]), ParameterArray.Matrix("W", [[ar - al, 0], [0.9, 0]]), ParameterArray.Vector("h", [0.214, 0]));

    [Theory]
    [InlineData(0.2, -1.5)]
    [InlineData(0.2, -0.5)]
    [InlineData(0.5, -3.0)]
    [InlineData(-0.5, 0.7)]
    [InlineData(0.9, -1.05)]
    public void Skew_tent_map_objects_follow_the_closed_forms(double al, double ar)
    {
        var r = ExhaustiveFinder.Find(Tent(al, ar), new FinderOptions { Orders = [1, 2] });
        var fps = r.Cycles.Where(c => c.Order == 1).ToList();
        bool orExists = ar < 1;
        Assert.Equal(orExists ? 1 : 0, fps.Count);
        if (orExists) Assert.Equal(1 / (1 - ar), fps[0].Points[0][0], 12);
        double zr = (1 + al) / (1 - al * ar), zl = (1 + ar) / (1 - al * ar);
        bool twoCycle = zr > 0 && zl <= 0;
        var two = r.Cycles.Where(c => c.Order == 2).ToList();
        Assert.Equal(twoCycle ? 1 : 0, two.Count);
        if (twoCycle)
        {
            var pts = two[0].Points.Select(p => p[0]).Order().ToArray();
            Assert.Equal(zl, pts[0], 12);
            Assert.Equal(zr, pts[1], 12);
            Assert.Equal(Math.Abs(al * ar) < 1, two[0].Stability == Stability.Stable);
        }
    }

    [Theory]
    [InlineData(-0.3, -1.5)]
    [InlineData(0.2, -1.5)]
    [InlineData(0.54, -1.5)]
    [InlineData(0.6, -1.5)]
    [InlineData(-2.0, -0.5)]
    [InlineData(1.0, -1.2)]
    [InlineData(1.6, 0.0)]
    [InlineData(-0.9, 0.3)]
    public void One_switch_2_cycle_follows_the_closed_forms(double al, double ar)
    {
        var r = ExhaustiveFinder.Find(OneSwitch(al, ar), new FinderOptions { Orders = [1, 2] });
        double den = 0.752 - 0.96 * al * ar + 0.064 * ar - 0.08 * al;
        double rz1 = 0.1712 * (1.2 * al + 1.52) / den, lz1 = 0.1712 * (1.2 * ar + 0.8) / den;
        bool exists = rz1 > 0 && lz1 <= 0;
        var two = r.Cycles.Where(c => c.Order == 2).ToList();
        Assert.Equal(exists ? 1 : 0, two.Count);
        if (exists)
        {
            double tr = al * ar + 0.12, det = (0.2 * ar - 0.4) * (0.2 * al + 0.32);
            bool stable = Math.Abs(det) < 1 && 1 - tr + det > 0 && 1 + tr + det > 0;
            Assert.Equal(stable, two[0].Stability == Stability.Stable);
            var rPoint = two[0].Points.Single(p => p[0] > 0);
            Assert.Equal(rz1, rPoint[0], 10);
            Assert.Equal((-0.02996 + 0.0214 * al - 0.0856 * ar) / den, rPoint[1], 10);
        }
        // O_R exists iff a_r < 0.5, O_L iff a_l > 1.4.
        var fps = r.Cycles.Where(c => c.Order == 1).ToList();
        Assert.Equal((ar < 0.5 ? 1 : 0) + (al > 1.4 ? 1 : 0), fps.Count);
    }

    [Fact]
    public void Degenerate_transcritical_point_is_reported_not_dropped()
    {
        // Tent map at a_r = 1: the fixed point's multiplier is exactly +1 and 1 − P = 0, c = μ ≠ 0.
        var r = ExhaustiveFinder.Find(Tent(0.2, 1.0), new FinderOptions { Orders = [1, 2] });
        Assert.Contains(r.Degenerate, d => d.Order == 1 && d.Kind == "no-solution");
        Assert.DoesNotContain(r.Cycles, c => c.Order == 1);
        var h = ScyfiFinder.Find(Tent(0.2, 1.0), new FinderOptions { Orders = [1, 2] });
        Assert.Contains(h.Degenerate, d => d.Order == 1 && d.Kind == "no-solution");
    }

    [Fact]
    public void Degenerate_flip_point_shows_a_continuum_of_2_cycles()
    {
        // Tent map at a_r = −1: the RR itinerary has P = 1 and c = 0, a whole interval of 2-cycles.
        var r = ExhaustiveFinder.Find(Tent(0.2, -1.0), new FinderOptions { Orders = [1, 2] });
        Assert.Contains(r.Degenerate, d => d.Order == 2 && d.Kind == "continuum");
        var fp = Assert.Single(r.Cycles, c => c.Order == 1);
        Assert.Equal(Stability.NonHyperbolic, fp.Stability);
    }

    [Fact]
    public void Rounding_dedup_regression_no_spurious_2_cycle()
    {
        // (a_l, a_r) = (1.6, 0): O_L = (−1.07, 0.535) exactly; 2-decimal rounding reports a fake 2-cycle.
        var r = ScyfiFinder.Find(OneSwitch(1.6, 0), new FinderOptions { Orders = [1, 2, 3, 4] });
        Assert.Equal(2, r.Count(1));
        Assert.Equal(0, r.Count(2));
        Assert.Contains(r.Cycles, c => Math.Abs(c.Points[0][0] + 1.07) < 1e-12 && Math.Abs(c.Points[0][1] - 0.535) < 1e-12);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var model = Support.TestData.Model("gt16");
        var one = ScyfiFinder.Find(model, new FinderOptions { Orders = FinderOptions.UpTo(16), Seed = 5, Threads = 1 });
        var two = ScyfiFinder.Find(model, new FinderOptions { Orders = FinderOptions.UpTo(16), Seed = 5, Threads = 2 });
        var four = ScyfiFinder.Find(model, new FinderOptions { Orders = FinderOptions.UpTo(16), Seed = 5, Threads = 4 });
        Assert.Equal(one.Stats.Candidates, two.Stats.Candidates);
        Assert.Equal(one.Stats.Candidates, four.Stats.Candidates);
        Assert.Equal(one.Cycles.Select(c => c.Points.SelectMany(p => p)).SelectMany(x => x), two.Cycles.Select(c => c.Points.SelectMany(p => p)).SelectMany(x => x));
    }
}
