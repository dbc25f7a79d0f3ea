using Scyfi.Coordinator.Exports;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>The skew tent example on 41 points (a_r from −2 to 2), swept and drawn once.</summary>
public sealed class TentDiagramFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TentDiagramFixture()
    {
        Result = ExampleSweeps.Tent(_dir.Path, points: 41);
        MapPlot.Write(Result, Path.Combine(_dir.Path, "out"));
        Files = new RenderedFiles(Path.Combine(_dir.Path, "out"));
    }

    public SweepResult Result { get; }
    internal RenderedFiles Files { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>map.png and map.svg of a 1-D sweep: a bifurcation diagram.</summary>
public sealed class BifurcationDiagramTests(TentDiagramFixture fixture) : IClassFixture<TentDiagramFixture>
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
        Assert.True(_files.DistinctColours > 20);
    }

    [Fact]
    public void Fixed_points_and_2_cycles_are_drawn_in_their_order_colours_with_a_legend_in_words()
    {
        // The tent map has a fixed point (stable for a_r > −1, unstable below) and a stable 2-cycle below a_r = −1.
        var orders = _result.Points.Values.SelectMany(p => p.Objects).Select(o => o.Order).Distinct().Order().ToArray();
        Assert.Equal([1, 2], orders);
        foreach (int k in orders)
        {
            Assert.True(_files.Count(OrderPalette.Of(k)) > 200, $"order {k}: {_files.Count(OrderPalette.Of(k))} pixels");
            Assert.True(_files.HasText(PlotCaptions.OrderName(k)));
        }
        Assert.True(_files.HasText("unstable / saddle"));
        Assert.True(_files.HasText("a_r"));
        Assert.True(_files.HasText("z1"));
    }

    [Fact]
    public void Stable_points_are_filled_and_unstable_ones_hollow()
    {
        var stabilities = _result.Points.Values.SelectMany(p => p.Objects).Where(o => o.Order == 1).Select(o => o.Stability == Stability.Stable).Distinct().ToList();
        Assert.Equal(2, stabilities.Count);
        string fp = OrderPalette.Of(1).ToHex()[..7].ToUpperInvariant();
        var fpShapes = _files.Svg.Descendants().Where(e => e.Name.LocalName is "ellipse" or "circle" or "path").ToList();
        Assert.Contains(fpShapes, e => (string?)e.Attribute("fill") is { } f && f.Equals(fp, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fpShapes, e => (string?)e.Attribute("fill") == "none" && ((string?)e.Attribute("stroke"))?.Equals(fp, StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void Every_bifurcation_type_is_a_coloured_line_named_in_the_legend()
    {
        var types = _result.Bifurcations.Select(b => b.Type).Distinct().ToList();
        Assert.Contains(BifurcationTypes.DegenerateTranscritical, types);
        Assert.Contains(BifurcationTypes.DegenerateFlip, types);
        foreach (string type in types)
        {
            Assert.True(_files.HasText(type + " ("), $"'{type}' not in the SVG legend");
            // The dashed line itself (drawn as filled dash segments) and the legend line.
            Assert.True(_files.FilledWith(BifurcationStyle.Of(type).Color) + _files.StrokedWith(BifurcationStyle.Of(type).Color) >= 2, type);
        }
    }
}
