using System.Globalization;
using System.Text.Json.Nodes;
using Scyfi.Core.Models;
using Scyfi.Core.Sweeps;
using Xunit;

namespace Scyfi.Core.Tests.Sweeps;

/// <summary>Sweeps along a path of checkpoints: interpolation, JSON, and bifurcations located between checkpoints.</summary>
public class ParameterPathTests
{
    /// <summary>The skew tent map z' = 0.2 z + 1 (z ≤ 0), a_r z + 1 (z &gt; 0) as a PLRNN.</summary>
    private static Plrnn Tent(double ar) =>
        (Plrnn)ModelFile.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"plrnn","A":[[0.2]],"W":[[{{ar - 0.2:R}}]],"h":[1]}"""));

    private static ParameterPath TentPath(double[] ar, double[] epochs) => new(ar.Select(a => (ReluModel)Tent(a)).ToList(), epochs);

    private static readonly Plrnn Gt16 = (Plrnn)ModelFile.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "cases", "gt16.json")));

    private static Plrnn Shifted(double da) =>
        (Plrnn)Gt16.WithParameters(Gt16.CloneParameters().Select(p => p.Name == "A" ? new ParameterArray("A", p.Rows, p.Cols, p.IsVector, p.Data.Select(x => x + da).ToArray()) : p).ToArray());

    [Fact]
    public void Checkpoints_are_reproduced_bit_for_bit_and_segments_are_linear()
    {
        var models = new ReluModel[] { Gt16, Shifted(0.01), Shifted(-0.03) };
        var path = new ParameterPath(models, [0, 25, 100]);
        for (int i = 0; i < models.Length; i++)
        {
            var at = path.ModelAt(i);
            for (int p = 0; p < models[i].Parameters.Count; p++)
                Assert.Equal(models[i].Parameters[p].Data, at.Parameters[p].Data);   // exact equality of doubles
        }
        var mid = path.ModelAt(1.25);
        var a = models[1].Parameter("A")!.Data;
        var b = models[2].Parameter("A")!.Data;
        for (int j = 0; j < a.Length; j++) Assert.Equal(0.75 * a[j] + 0.25 * b[j], mid.Parameter("A")!.Data[j], 15);
        Assert.Equal(models[1].Parameter("W")!.Data, mid.Parameter("W")!.Data);   // equal ends stay equal
        Assert.Equal(25.0, path.EpochAt(1));
        Assert.Equal(43.75, path.EpochAt(1.25), 12);
        Assert.Equal(100.0, path.EpochAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => path.ModelAt(2.5));
    }

    [Fact]
    public void Path_spec_round_trips_through_its_self_contained_json()
    {
        var path = new ParameterPath([Gt16, Shifted(0.1 / 3), Shifted(-Math.PI / 100)], [0, 5, 12.5]);
        var spec = SweepSpec.ForPath(path, [16, 1, 2], tile: 2, outer: 7, inner: 11, seed: 9);
        string json = spec.ToJson();
        var back = SweepSpec.Parse(json);
        Assert.Equal(json, back.ToJson());
        Assert.NotNull(back.Path);
        Assert.Equal([0.0, 5.0, 12.5], back.Path!.Epochs);
        Assert.Equal([1, 2, 16], back.Orders);
        Assert.Equal((2, 7, 11, 9UL), (back.Tile, back.Outer, back.Inner, back.Seed));
        var axis = Assert.Single(back.Axes);
        Assert.Equal((ParameterPath.AxisName, 0.0, 2.0, 3), (axis.Name, axis.From, axis.To, axis.Points));
        for (int i = 0; i < 3; i++)
            for (int p = 0; p < 3; p++)
                Assert.Equal(path.Models[i].Parameters[p].Data, back.Path.Models[i].Parameters[p].Data);
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.False(node.ContainsKey("model") || node.ContainsKey("axes") || node.ContainsKey("set"));
    }

    [Fact]
    public void Path_spec_reads_model_files_and_defaults_epochs_to_indices()
    {
        string dir = Directory.CreateTempSubdirectory("scyfi-path-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.json"), ModelFile.ToJson(Tent(0.5)));
            var spec = SweepSpec.Parse("""{"path":{"models":["a.json",{"type":"plrnn","A":[[0.2]],"W":[[1.0]],"h":[1]}]},"maxOrder":2}""", dir);
            Assert.Equal([0.0, 1.0], spec.Path!.Epochs);
            Assert.Equal(0.3, spec.ModelAt([0])!.Parameter("W")!.Data[0], 15);
            Assert.Equal(0.65, spec.ModelAt([0.5])!.Parameter("W")!.Data[0], 15);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("""{"path":{"epochs":[0,1,2],"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}]},"maxOrder":2}""", "3 epochs for 2 models")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}]},"maxOrder":2}""", "at least 2 checkpoints")]
    [InlineData("""{"path":{"epochs":[5,5],"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}]},"maxOrder":2}""", "increase strictly")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5,0.1],"W":[[0,0],[0,0]],"h":[1,1]}]},"maxOrder":2}""", "one model type and shape")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"alrnn","A":[0.5],"W":[[0]],"h":[1],"reluCount":1}]},"maxOrder":2}""", "one model type and shape")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}],"colour":1},"maxOrder":2}""", "unknown field \"colour\"")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}]},"maxOrder":2,"axes":[]}""", "a path sweep has no \"axes\"")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}]}}""", "missing \"maxOrder\"")]
    [InlineData("""{"path":{"models":[{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]},{"type":"plrnn","A":[0.5],"W":[[0]],"h":[1]}]},"maxOrder":2,"tile":0}""", "tile must be between")]
    [InlineData("""{"path":[1,2],"maxOrder":2}""", "path: expected an object")]
    public void Bad_path_specs_are_one_line_input_errors(string json, string expected)
    {
        var e = Assert.Throws<ScyfiInputException>(() => SweepSpec.Parse(json));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Ordinary_specs_are_unchanged()
    {
        var spec = SweepSpecs.Tent(0.2, 5);
        Assert.Null(spec.Path);
        Assert.False(spec.MovesSwitchingGeometry);
        Assert.Contains("\"axes\"", spec.ToJson());
        Assert.DoesNotContain("\"path\"", spec.ToJson());
        Assert.Equal(spec.ToJson(), SweepSpec.Parse(spec.ToJson()).ToJson());
    }

    [Fact]
    public void A_path_that_moves_w2_rebuilds_region_pools()
    {
        var m = ModelFile.Parse("""{"type":"shplrnn","A":[0.5],"W1":[[1,1]],"W2":[[1],[-1]],"h1":[0.1],"h2":[0,0.5]}""");
        var moved = m.WithParameters(m.CloneParameters().Select(p => p.Name == "W2" ? new ParameterArray("W2", 2, 1, false, [1.5, -1]) : p).ToArray());
        Assert.True(SweepSpec.ForPath(new ParameterPath([m, moved], [0, 1]), [1]).MovesSwitchingGeometry);
        Assert.False(SweepSpec.ForPath(new ParameterPath([m, m], [0, 1]), [1]).MovesSwitchingGeometry);
    }

    [Fact]
    public void Tent_map_DTB_is_located_between_checkpoints_at_its_epoch()
    {
        // a_r = 0.5, 0.7, 0.9, 1.1, 1.3 at irregular epochs; W is linear in a_r, so a_r = 1 lies at
        // position 2.5, i.e. halfway between epochs 20 and 40: epoch 30.
        var path = TentPath([0.5, 0.7, 0.9, 1.1, 1.3], [0, 10, 20, 40, 50]);
        var spec = SweepSpec.ForPath(path, [1, 2], tile: 2, outer: 10, inner: 50, seed: 3);
        var r = new SweepEngine(spec, threads: 2).Run();
        Assert.Equal([1, 1, 1, 0, 0], Enumerable.Range(0, 5).Select(i => r.Points[i].Count(1)));
        var dtb = Assert.Single(r.Bifurcations);
        Assert.Equal(BifurcationTypes.DegenerateTranscritical, dtb.Type);
        Assert.Equal(1, dtb.Order);
        Assert.Equal("vanishes", dtb.Detail.Change);
        Assert.Equal(2.5, dtb.At[ParameterPath.AxisName], 8);
        Assert.Equal(30.0, path.EpochAt(dtb.At[ParameterPath.AxisName]), 6);
    }

    [Fact]
    public void Stability_change_through_a_border_is_not_called_degenerate_when_no_multiplier_crosses_the_unit_circle()
    {
        // Two checkpoints of a 2-D PLRNN trained on GT16 (BPTT, seed 1, epochs 85 and 90). A 16-cycle
        // has the same itinerary at both, stable at 85 and a saddle at 90, but between them it leaves
        // its regions through the border of z2 and comes back: its multipliers never reach the unit
        // circle, so this is a stability change at a border, not a degenerate transcritical one.
        string dir = Path.Combine(AppContext.BaseDirectory, "data", "training");
        var path = new ParameterPath(new[] { "gt16-bptt-epoch_85.json", "gt16-bptt-epoch_90.json" }.Select(f => ModelFile.Load(Path.Combine(dir, f))).ToList(), [85, 90]);
        var r = new SweepEngine(SweepSpec.ForPath(path, Enumerable.Range(1, 16).ToList(), tile: 2), threads: 2).Run();
        foreach (var b in r.Bifurcations.Where(b => b.Type.StartsWith("degenerate-", StringComparison.Ordinal)))
        {
            var m = b.Detail.Multiplier!;
            Assert.True(Math.Abs(Math.Sqrt(m[0] * m[0] + m[1] * m[1]) - 1) < 1e-6, $"{b.Type} of order {b.Order} with |λ| = {Math.Sqrt(m[0] * m[0] + m[1] * m[1])}");
        }
        var change = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.StabilityChange && b.Order == 16);
        Assert.Equal(("stable", "saddle", "z2"), (change.Detail.StabilityBefore, change.Detail.StabilityAfter, change.Detail.Unit));
    }

    [Fact]
    public void Tent_map_flip_and_2_cycle_border_collision_are_located_at_their_epoch()
    {
        // a_r = −0.6, −0.9, −1.2, −1.5 at epochs 100..400: a_r = −1 at position 4/3, epoch 233⅓, where
        // the fixed point flips and the stable 2-cycle appears by a border collision (science.md §7.1).
        var path = TentPath([-0.6, -0.9, -1.2, -1.5], [100, 200, 300, 400]);
        var r = new SweepEngine(SweepSpec.ForPath(path, [1, 2], tile: 3, outer: 10, inner: 50, seed: 3), threads: 2).Run();
        Assert.Equal(2, r.Bifurcations.Count);
        var flip = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.DegenerateFlip);
        Assert.Equal((1, "stable", "unstable"), (flip.Order, flip.Detail.StabilityBefore, flip.Detail.StabilityAfter));
        Assert.Equal(700.0 / 3, path.EpochAt(flip.At[ParameterPath.AxisName]), 6);
        var bc = Assert.Single(r.Bifurcations, b => b.Type == BifurcationTypes.BorderCollision);
        Assert.Equal((2, "appears"), (bc.Order, bc.Detail.Change));
        Assert.Equal(700.0 / 3, path.EpochAt(bc.At[ParameterPath.AxisName]), 6);
    }
}
