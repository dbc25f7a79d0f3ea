using Scyfi.Core.Cycles;
using Scyfi.Core.Models;
using Scyfi.Core.Tests.Support;
using Xunit;

namespace Scyfi.Core.Tests.Cycles;

/// <summary>
/// Every shared reference case (tests/data/cases): the heuristic, for several seeds, and the
/// exhaustive search where feasible, return exactly the expected objects.
/// </summary>
public class ReferenceCaseTests
{
    public static TheoryData<string, ulong> HeuristicRuns()
    {
        var data = new TheoryData<string, ulong>();
        foreach (var name in TestData.CaseNames())
            foreach (ulong seed in new ulong[] { 1, 2, 3 })
                data.Add(name, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(HeuristicRuns))]
    public void Heuristic_finds_exactly_the_expected_objects(string name, ulong seed)
    {
        var model = TestData.Model(name);
        var expected = TestData.Expected(name);
        var result = ScyfiFinder.Find(model, new FinderOptions { Orders = FinderOptions.UpTo(expected.MaxOrder), Seed = seed });
        AssertMatches(name, expected, result);
    }

    public static TheoryData<string, int> ExhaustiveRuns() => new()
    {
        // All 1D/2D PLRNN cases to order 8, the ALRNN cases to 16, the shPLRNN over its realisable regions to 4.
        { "tent_ar-1.5", 12 }, { "fp_value", 8 }, { "holes", 8 }, { "gt16", 8 }, { "k27", 8 },
        { "oneswitch_al-0.48_ar-1.5", 8 }, { "oneswitch_al-0.49_ar-1.5", 8 }, { "oneswitch_al0.5_ar-1.5", 8 },
        { "oneswitch_al0.56_ar-1.5", 8 }, { "oneswitch_al0_ar-1", 8 }, { "oneswitch_al0_ar-0.6", 8 },
        { "oneswitch_al1.6_ar0", 8 }, { "oneswitch_al1.3_ar0", 8 },
        { "alrnn_fp", 16 }, { "alrnn_2cycle", 16 }, { "alrnn_8cycle", 16 },
        { "shplrnn_m2_h10_fp", 4 }, { "plrnn10d_k10", 2 },
    };

    [Theory]
    [MemberData(nameof(ExhaustiveRuns))]
    public void Exhaustive_search_confirms_the_expected_objects(string name, int maxOrder)
    {
        var model = TestData.Model(name);
        var expected = TestData.Expected(name);
        var result = ExhaustiveFinder.Find(model, new FinderOptions { Orders = FinderOptions.UpTo(maxOrder), ExhaustiveLimit = 1e7 });
        Assert.True(result.Stats.RegionsExact, "the region alphabet must be complete for a ground-truth search");
        AssertMatches(name, expected with { MaxOrder = maxOrder }, result);
    }

    [Fact]
    public void ShPLRNN_case_has_56_realisable_regions()
    {
        var alphabet = Scyfi.Core.Regions.RegionAlphabet.For(TestData.Model("shplrnn_m2_h10_fp"));
        Assert.Equal(56, alphabet.Size);
        Assert.True(alphabet.IsExact);
    }

    private static void AssertMatches(string name, Expected expected, FindResult result)
    {
        for (int k = 1; k <= expected.MaxOrder; k++)
        {
            // Orders missing from "counts" were searched heuristically only; Scyfi should report 0 there too.
            int want = expected.Counts.GetValueOrDefault(k, 0);
            var found = result.Cycles.Where(c => c.Order == k).ToList();
            Assert.True(want == found.Count, $"{name}: order {k}: expected {want}, found {found.Count}: {CycleMatching.Describe(found)}");
        }
        foreach (var e in expected.Objects.Where(o => o.Order <= expected.MaxOrder))
        {
            var match = result.Cycles.FirstOrDefault(c => c.Order == e.Order && CycleMatching.SameCycle(c.Points, e.Points));
            Assert.True(match is not null, $"{name}: expected {e.Order}-cycle through ({string.Join(", ", e.Points[0])}) not found; found {CycleMatching.Describe(result.Cycles)}");
            Assert.Equal(e.Stable, match!.Stability == Stability.Stable);
            Assert.True(Math.Abs(match.SpectralRadius - e.SpectralRadius) <= 1e-6 * Math.Max(1, e.SpectralRadius),
                $"{name}: spectral radius {match.SpectralRadius} vs expected {e.SpectralRadius}");
            Assert.True(match.Residual <= 1e-8 * (1 + match.Scale), $"{name}: residual {match.Residual}");
        }
    }
}
