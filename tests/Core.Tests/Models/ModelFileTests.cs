using Scyfi.Core.Models;
using Scyfi.Core.Tests.Support;
using Xunit;

namespace Scyfi.Core.Tests.Models;

/// <summary>Model files: every family reads, round-trips exactly and maps to the right affine pieces.</summary>
public class ModelFileTests
{
    [Theory]
    [InlineData("gt16")]
    [InlineData("plrnn10d_k10")]
    [InlineData("shplrnn_m2_h10_fp")]
    [InlineData("alrnn_8cycle")]
    [InlineData("oneswitch_al0_ar-1")]
    public void Models_round_trip_through_json_exactly(string name)
    {
        var model = TestData.Model(name);
        var again = ModelFile.Parse(ModelFile.ToJson(model));
        Assert.Equal(model.Type, again.Type);
        foreach (var (a, b) in model.Parameters.Zip(again.Parameters))
        {
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.IsVector, b.IsVector);
            Assert.Equal(a.Data, b.Data);
        }
    }

    [Theory]
    [InlineData("plrnn")]
    [InlineData("shplrnn")]
    [InlineData("clipped-shplrnn")]
    [InlineData("alrnn")]
    public void Step_equals_the_affine_map_of_the_region(string family)
    {
        for (int i = 0; i < 50; i++)
        {
            var model = RandomModels.Create(family, i);
            int m = model.Dimension;
            var z = Enumerable.Range(0, m).Select(j => Math.Sin(3.1 * j + i)).ToArray();
            var next = new double[m];
            model.Step(z, next);
            var pattern = new ulong[model.RegionWords];
            model.Region(z, pattern);
            var jac = new double[m * m];
            var c = new double[m];
            model.Affine(pattern, jac, c);
            for (int r = 0; r < m; r++)
            {
                double affine = c[r] + Enumerable.Range(0, m).Sum(q => jac[r * m + q] * z[q]);
                Assert.Equal(next[r], affine, 10);
            }
        }
    }

    [Fact]
    public void Clipped_shplrnn_bracket_is_bounded()
    {
        // z' = A∘z + W1[relu(W2 z + h2) − relu(W2 z)] + h1 with |A| < 1 keeps orbits bounded.
        var model = RandomModels.Create("clipped-shplrnn", 7);
        var a = model.Parameter("A")!.Data;
        Assert.All(a, x => Assert.True(Math.Abs(x) < 1, "the bound needs max|A| < 1"));
        var z = Enumerable.Repeat(1e6, model.Dimension).ToArray();
        var next = new double[z.Length];
        for (int t = 0; t < 5000; t++) { model.Step(z, next); (z, next) = (next, z); }
        Assert.True(z.All(x => Math.Abs(x) < 1e3));
    }

    [Fact]
    public void ALRNN_switches_only_its_last_units()
    {
        var model = TestData.Model("alrnn_2cycle");
        Assert.Equal(1, model.SwitchingUnits);
        var pattern = new ulong[1];
        model.Region([-5.0, 0.5], pattern);
        Assert.Equal(1UL, pattern[0]);
        model.Region([5.0, -0.5], pattern);
        Assert.Equal(0UL, pattern[0]);
    }
}
