using Scyfi.Coordinator.Exports;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>The one-switch example on a 31 × 31 grid, swept and drawn once for all tests of the class.</summary>
public sealed class OneSwitchMapFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public OneSwitchMapFixture()
    {
        Result = ExampleSweeps.OneSwitch(_dir.Path, points: 31);
        MapPlot.Write(Result, Path.Combine(_dir.Path, "out"));
        Files = new RenderedFiles(Path.Combine(_dir.Path, "out"));
    }

    public SweepResult Result { get; }
    internal RenderedFiles Files { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>map.png and map.svg of a 2-D sweep: regimes coloured and named, bifurcations by type.</summary>
public sealed class RegimeMapTests(OneSwitchMapFixture fixture) : IClassFixture<OneSwitchMapFixture>
{
    private readonly SweepResult _result = fixture.Result;
    private readonly RenderedFiles _files = fixture.Files;

    [Fact]
    public void Both_files_are_written_and_the_png_has_the_promised_size()
    {
        Assert.True(File.Exists(_files.PngPath));
        Assert.True(File.Exists(_files.SvgPath));
        Assert.Equal(MapPlot.Width, _files.Width);
        Assert.Equal(MapPlot.Height, _files.Height);
    }

    [Fact]
    public void The_sweep_has_several_regimes_and_bifurcation_types_to_show()
    {
        // Guards the other claims against passing vacuously.
        Assert.True(RegimeField.Of(_result).Names.Count >= 5);
        Assert.True(_result.Bifurcations.Select(b => b.Type).Distinct().Count() >= 2);
    }

    [Fact]
    public void Every_regime_of_visible_size_is_painted_in_its_own_colour()
    {
        var field = RegimeField.Of(_result);
        var colours = RegimePalette.Assign(field.Names);
        Assert.Equal(field.Names.Count, colours.Distinct().Count());
        for (int i = 0; i < field.Names.Count; i++)
        {
            if (field.Counts[i] < 0.01 * _result.Grid.PointCount) continue;
            // A grid cell is about 700/31 pixels wide: a regime of 1 % covers thousands of pixels.
            Assert.True(_files.Count(colours[i]) > 500, $"regime '{field.Names[i]}' ({colours[i]}) has {_files.Count(colours[i])} pixels");
        }
        Assert.True(_files.DistinctColours > 20);
    }

    [Fact]
    public void The_svg_is_xml_with_every_regime_name_and_every_bifurcation_type_in_words()
    {
        var names = _result.Points.Values.Select(Regime.Of).Distinct().ToList();
        foreach (string name in names)
            foreach (string line in PlotCaptions.Wrap(name).Split('\n'))
                Assert.True(_files.HasText(line), $"regime '{name}' (line '{line}') not in the SVG");
        foreach (string type in _result.Bifurcations.Select(b => b.Type).Distinct())
            Assert.True(_files.HasText(type + " ("), $"bifurcation type '{type}' not in the SVG legend");
        Assert.True(_files.HasText("a_l"));
        Assert.True(_files.HasText("a_r"));
        Assert.True(_files.HasText("PLRNN"));
    }

    [Fact]
    public void The_regime_field_is_one_embedded_bitmap_not_one_shape_per_cell()
    {
        Assert.Equal(1, _files.Elements("image"));
        Assert.True(_files.SvgBytes < 400_000, $"{_files.SvgBytes} bytes");
    }

    [Fact]
    public void Bifurcation_markers_are_drawn_in_their_type_colours()
    {
        foreach (var group in _result.Bifurcations.GroupBy(b => b.Type))
        {
            var colour = BifurcationStyle.Of(group.Key).Color;
            // One legend symbol plus the markers on the map.
            int filled = _files.FilledWith(colour);
            Assert.True(filled >= 1 + Math.Min(group.Count(), 5), $"{group.Key}: {filled} shapes filled with {colour.ToHex()}");
        }
    }
}
