using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;
using Xunit;

namespace Scyfi.Core.Tests.Sweeps;

/// <summary>The sweep engine against the closed forms of science.md §7.</summary>
public class AnalyticSweepTests
{
    [Fact]
    public void Tent_map_bifurcates_exactly_at_ar_plus_and_minus_one_and_nowhere_else()
    {
        // 80 points: no grid point sits on ±1, so both locations come from bisection.
        var r = new SweepEngine(SweepSpecs.Tent(0.2, 80), threads: 2).Run();
        var at = r.Bifurcations.Select(b => (b.At["a_r"], b.Type, b.Order)).ToList();
        Assert.All(r.Bifurcations, b => Assert.True(Math.Abs(b.At["a_r"] - 1) < 1e-6 || Math.Abs(b.At["a_r"] + 1) < 1e-6, $"unexpected bifurcation at {b.At["a_r"]}: {b.Type}"));
        var dtb = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.DegenerateTranscritical);
        Assert.Equal(1, dtb.Order);
        Assert.Equal(1.0, dtb.At["a_r"], 6);
        var flip = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.DegenerateFlip);
        Assert.Equal(1, flip.Order);
        Assert.Equal(-1.0, flip.At["a_r"], 6);
        var bc = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.BorderCollision);
        Assert.Equal(2, bc.Order);
        Assert.Equal(-1.0, bc.At["a_r"], 6);
        Assert.Equal("z1", bc.Detail.Unit);
        Assert.Equal(3, r.Bifurcations.Count);
    }

    [Fact]
    public void Grid_points_exactly_on_bifurcations_are_marked_degenerate_not_fatal()
    {
        // 81 points over [−2, 2]: a_r = −1 and a_r = 1 are grid points.
        var spec = SweepSpecs.Tent(0.2, 81);
        var r = new SweepEngine(spec, threads: 2).Run();
        var grid = r.Grid;
        int atPlusOne = Enumerable.Range(0, grid.PointCount).Single(i => grid.AxisValues(i)[0] == 1.0);
        int atMinusOne = Enumerable.Range(0, grid.PointCount).Single(i => grid.AxisValues(i)[0] == -1.0);
        Assert.True(r.Points[atPlusOne].Degenerate > 0, "the DTB point must be marked");
        Assert.True(r.Points[atMinusOne].Degenerate > 0, "the flip point must be marked");
        Assert.Equal(1, r.Points.Values.Count(p => p.Degenerate > 0 && grid.AxisValues(p.Index)[0] == 1.0));
        // Still exactly the three bifurcations, at the right places, with both sides named.
        Assert.Equal(3, r.Bifurcations.Count);
        var flip = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.DegenerateFlip);
        Assert.Equal("unstable", flip.Detail.StabilityBefore);
        Assert.Equal("stable", flip.Detail.StabilityAfter);
    }

    [Fact]
    public void One_switch_counts_and_stabilities_equal_the_analytic_formulas_on_a_41x41_grid()
    {
        var r = new SweepEngine(SweepSpecs.OneSwitch(41, 41), threads: 2).Run();
        int checkedPoints = 0;
        foreach (var p in r.Points.Values)
        {
            var v = r.Grid.AxisValues(p.Index);
            double al = v[0], ar = v[1];
            var (fps, stableFps, cycles, stableCycles, onCurve) = Analytic(al, ar);
            if (onCurve)
            {
                // The grid point lies on a stability boundary (to round-off): the engine must mark
                // it, and the stable count is not defined there.
                Assert.True(p.Degenerate > 0, $"({al}, {ar}) lies on a bifurcation curve but is not marked degenerate");
                stableCycles = p.Stable(2);
            }
            Assert.True(fps == p.Count(1), $"({al}, {ar}): {p.Count(1)} fixed points, expected {fps}");
            Assert.True(stableFps == p.Stable(1), $"({al}, {ar}): {p.Stable(1)} stable fixed points, expected {stableFps}");
            Assert.True(cycles == p.Count(2), $"({al}, {ar}): {p.Count(2)} 2-cycles, expected {cycles}");
            Assert.True(stableCycles == p.Stable(2), $"({al}, {ar}): {p.Stable(2)} stable 2-cycles, expected {stableCycles}");
            checkedPoints++;
        }
        Assert.Equal(41 * 41, checkedPoints);
    }

    [Fact]
    public void Section_at_ar_minus_1_5_locates_the_2_cycle_DTB_and_flip()
    {
        var r = new SweepEngine(SweepSpecs.OneSwitchSection(-1.5, -1, 1, 41), threads: 2).Run();
        var dtb = Assert.Single(r.Bifurcations, b => b.Order == 2 && b.Type == BifurcationTypes.DegenerateTranscritical);
        Assert.Equal(-0.656 / 1.36, dtb.At["a_l"], 9);
        Assert.Equal(-0.48235, dtb.At["a_l"], 4);
        var flip = Assert.Single(r.Bifurcations, b => b.Order == 2 && b.Type == BifurcationTypes.DegenerateFlip);
        Assert.Equal(0.896 / 1.64, flip.At["a_l"], 9);
        Assert.Equal(0.54634, flip.At["a_l"], 4);
        Assert.Equal("stable", flip.Detail.StabilityBefore);
        Assert.Equal("saddle", flip.Detail.StabilityAfter);   // one multiplier leaves through −1, the other stays inside
        // O_R does not depend on a_l: no event of order 1.
        Assert.DoesNotContain(r.Bifurcations, b => b.Order == 1);
    }

    [Fact]
    public void Adaptive_refinement_follows_the_2_cycle_DTB_curve_with_few_evaluations()
    {
        // den = 0.752 − 0.96 a_l a_r + 0.064 a_r − 0.08 a_l = 0 is the 2-cycle's DTB curve.
        var coarse = SweepSpecs.OneSwitch(15, 15, -1, 1.8, -2, 0.8);
        var r = new SweepEngine(coarse, threads: 2, RefineMode.Adaptive, adaptiveDepth: 4).Run();
        var onCurve = r.Bifurcations.Where(b => b.Order == 2 && b.Type == BifurcationTypes.DegenerateTranscritical).ToList();
        Assert.NotEmpty(onCurve);
        foreach (var b in onCurve)
        {
            double al = b.At["a_l"], ar = b.At["a_r"];
            double den = 0.752 - 0.96 * al * ar + 0.064 * ar - 0.08 * al;
            Assert.True(Math.Abs(den) < 1e-6, $"DTB point ({al}, {ar}) is off the analytic curve (den = {den})");
        }
        // The curve is sampled at the fine lattice's resolution (15 → 225 effective points per
        // axis), far more often than a 15×15 grid can, for a fraction of the fine grid's cost.
        var dense = onCurve.Count;
        var coarseOnly = new SweepEngine(coarse, threads: 2, RefineMode.Edges).Run().Bifurcations
            .Count(b => b.Order == 2 && b.Type == BifurcationTypes.DegenerateTranscritical);
        Assert.True(dense >= 8 * coarseOnly, $"adaptive located {dense} DTB points, the coarse grid {coarseOnly}");
        int fineGrid = 225 * 225;
        Assert.True(r.Stats.Evaluations < fineGrid / 10, $"{r.Stats.Evaluations} evaluations, a fine grid needs {fineGrid}");
    }

    /// <summary>(fixed points, stable ones, 2-cycles, stable ones, whether the 2-cycle sits on its flip or NS curve).</summary>
    internal static (int, int, int, int, bool) Analytic(double al, double ar)
    {
        int fps = 0, stableFps = 0;
        if (ar < 0.5) { fps++; if (ar > -2.0 / 3) stableFps++; }
        if (al > 1.4) fps++;  // O_L is always a saddle
        double den = 0.752 - 0.96 * al * ar + 0.064 * ar - 0.08 * al;
        double rz1 = 0.1712 * (1.2 * al + 1.52) / den, lz1 = 0.1712 * (1.2 * ar + 0.8) / den;
        int cycles = rz1 > 0 && lz1 <= 0 ? 1 : 0;
        double tr = al * ar + 0.12, det = (0.2 * ar - 0.4) * (0.2 * al + 0.32);
        int stableCycles = cycles == 1 && Math.Abs(det) < 1 && 1 - tr + det > 0 && 1 + tr + det > 0 ? 1 : 0;
        bool onCurve = cycles == 1 && (Math.Abs(1 + tr + det) < 1e-9 || Math.Abs(Math.Abs(det) - 1) < 1e-9);
        return (fps, stableFps, cycles, stableCycles, onCurve);
    }
}
