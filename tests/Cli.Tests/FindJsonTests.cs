using System.Text.Json;

namespace Scyfi.Cli.Tests;

/// <summary><c>find --json</c>: one JSON document in the documented schema, with the reference objects.</summary>
[Collection(CliCollection.Name)]
public sealed class FindJsonTests
{
    [Theory]
    [InlineData("tent_ar-1.5")]
    [InlineData("oneswitch_al1.6_ar0")]
    [InlineData("oneswitch_al0.56_ar-1.5")]
    [InlineData("alrnn_8cycle")]
    public void Json_matches_the_expected_objects(string name)
    {
        var expected = CaseFiles.Expected(name);
        var r = CliRunner.Run("find", CaseFiles.Model(name), "--max-order", Inv(expected.MaxOrder), "--json", "--threads", "2", "--seed", "5");
        using var doc = FindJsonSchema.ParseAndValidate(r, threads: 2, seed: 5);
        var root = doc.RootElement;

        Assert.Equal(Enumerable.Range(1, expected.MaxOrder), root.GetProperty("orders").EnumerateArray().Select(o => o.GetInt32()));
        var actual = CycleObject.ReadAll(root);
        // Counts are compared only where the expected file proves them (see tests/data/cases/README.md).
        foreach (var (k, n) in expected.Counts)
            Assert.True(n == actual.Count(c => c.Order == k), $"order {k}: expected {n} objects, got {actual.Count(c => c.Order == k)}\n{r.Stdout}");
        var proven = actual.Where(c => expected.Counts.ContainsKey(c.Order)).ToList();
        foreach (var (e, a) in CycleObject.Match(expected.Objects, proven, e => e.Order, e => e.Points))
        {
            // The expected files say only whether an object is stable; a non-stable one may be a saddle or unstable.
            Assert.Equal(e.Stable, a.Stability == "stable");
            Assert.True(CycleObject.Close(e.SpectralRadius, a.SpectralRadius), $"order {e.Order}: spectral radius {a.SpectralRadius}, expected {e.SpectralRadius}");
        }
    }

    [Fact]
    public void Json_describes_the_model_and_the_analytic_tent_map_cycles()
    {
        var r = CliRunner.Run("find", CaseFiles.Model("tent_ar-1.5"), "--max-order", "3", "--json", "--threads", "1", "--seed", "9");
        using var doc = FindJsonSchema.ParseAndValidate(r, threads: 1, seed: 9);
        var root = doc.RootElement;

        var model = root.GetProperty("model");
        Assert.Equal("plrnn", model.GetProperty("type").GetString());
        Assert.Equal(1, model.GetProperty("dimension").GetInt32());
        Assert.Equal(1, model.GetProperty("switchingUnits").GetInt32());
        Assert.Equal(0, root.GetProperty("degenerate").GetInt32());

        var objects = root.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(2, objects.Count);
        var fixedPoint = Assert.Single(objects, o => o.GetProperty("order").GetInt32() == 1);
        Assert.Equal(["1"], Strings(fixedPoint.GetProperty("itinerary")));
        Assert.Equal("unstable", fixedPoint.GetProperty("stability").GetString());
        Assert.True(CycleObject.Close(-1.5, fixedPoint.GetProperty("eigenvalues")[0][0].GetDouble()));

        // The 2-cycle {-5/13, 12/13}: one point left of the switch (bit 0), one right (bit 1).
        var cycle = Assert.Single(objects, o => o.GetProperty("order").GetInt32() == 2);
        var points = CycleObject.ReadPoints(cycle.GetProperty("points"));
        Assert.True(CycleObject.SameCycle(points, [[-5.0 / 13], [12.0 / 13]]));
        var bits = Strings(cycle.GetProperty("itinerary"));
        for (int j = 0; j < 2; j++) Assert.Equal(points[j][0] > 0 ? "1" : "0", bits[j]);
        Assert.Equal("stable", cycle.GetProperty("stability").GetString());
    }

    [Fact]
    public void Itinerary_bits_are_the_signs_of_each_point()
    {
        // In a PLRNN every unit switches, so bit i of a point's pattern is z_i > 0.
        var r = CliRunner.Run("find", CaseFiles.Model("oneswitch_al0.56_ar-1.5"), "--max-order", "8", "--json", "--threads", "2", "--seed", "1");
        using var doc = FindJsonSchema.ParseAndValidate(r, threads: 2, seed: 1);
        foreach (var o in doc.RootElement.GetProperty("objects").EnumerateArray())
        {
            var points = CycleObject.ReadPoints(o.GetProperty("points"));
            var bits = Strings(o.GetProperty("itinerary"));
            for (int j = 0; j < points.Length; j++)
                Assert.Equal(string.Concat(points[j].Select(z => z > 0 ? '1' : '0')), bits[j]);
        }
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(x => x.GetString()!).ToArray();

    private static string Inv(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
