using System.Diagnostics;
using Scyfi.Coordinator.Exports;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>Maps of made-up results: a dense 801 × 801 grid, more regimes than colours, reversed axes.</summary>
public sealed class LargeMapTests
{
    private static readonly Stability[] Kinds = [Stability.Stable, Stability.Saddle, Stability.Unstable];

    /// <summary>Regime r: 1–4 objects of assorted orders and stabilities (regime 0 has none).</summary>
    private static PointObject[] RegimeObjects(int r) =>
        Enumerable.Range(0, r == 0 ? 0 : 1 + r % 4).Select(c => SyntheticSweeps.Object(1 + (r * 3 + c * 5) % 8, Kinds[(r + c) % 3])).ToArray();

    /// <summary>Sectors around (0, 1), split at radius 0.6: 2·(regimes/2) regimes.</summary>
    private static PointObject[] Sectors(double x, double y, int regimes)
    {
        double angle = Math.Atan2(y - 1, x) + Math.PI, radius = Math.Sqrt(x * x + (y - 1) * (y - 1));
        int sector = (int)(angle / (2 * Math.PI) * (regimes / 2)) % (regimes / 2);
        return RegimeObjects(sector * 2 + (radius < 0.6 ? 0 : 1));
    }

    private static List<Bifurcation> CircleAndSpokes(int n)
    {
        var list = new List<Bifurcation>();
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / n;
            list.Add(SyntheticSweeps.At(0.6 * Math.Cos(t), 1 + 0.6 * Math.Sin(t), BifurcationTypes.All[i % BifurcationTypes.All.Length]));
            double r = i % 97 / 97.0 * 1.4, a = 2 * Math.PI * (i % 7) / 7;
            list.Add(SyntheticSweeps.At(r * Math.Cos(a), 1 + r * Math.Sin(a), BifurcationTypes.BorderCollision));
        }
        return list;
    }

    [Fact]
    public void A_dense_801_by_801_map_with_40000_bifurcations_is_fast_and_its_svg_stays_small()
    {
        var result = SyntheticSweeps.TwoD(801, 801, -1, 1, (x, y) => Sectors(x, y, 14), CircleAndSpokes(20_000));
        using var dir = new TempDirectory();
        var sw = Stopwatch.StartNew();
        MapPlot.Write(result, dir.Path);
        sw.Stop();
        var files = new RenderedFiles(dir.Path);
        Assert.True(sw.Elapsed.TotalSeconds < 10, $"{sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(files.SvgBytes < 1_500_000, $"{files.SvgBytes} bytes");
        Assert.Equal(1, files.Elements("image"));
        // Thinned: far fewer shapes than bifurcations, yet every type is drawn.
        Assert.True(files.Svg.Descendants().Count() < 20_000, $"{files.Svg.Descendants().Count()} SVG elements");
        foreach (string type in BifurcationTypes.All)
        {
            Assert.True(files.HasText(type + " ("), type);
            Assert.True(files.FilledWith(BifurcationStyle.Of(type).Color) > 1, type);
        }
        foreach (string name in RegimeField.Of(result).Names)
            foreach (string line in PlotCaptions.Wrap(name).Split('\n'))
                Assert.True(files.HasText(line), line);
    }

    [Fact]
    public void More_regimes_than_colours_merge_the_smallest_into_one_named_entry()
    {
        var result = SyntheticSweeps.TwoD(101, 101, -1, 1, (x, y) => Sectors(x, y, 22), []);
        var field = RegimeField.Of(result);
        Assert.True(field.Names.Count > RegimePalette.Distinct + 1);
        using var dir = new TempDirectory();
        MapPlot.Write(result, dir.Path);
        var files = new RenderedFiles(dir.Path);
        int merged = field.Names.Count - RegimePalette.Distinct - (field.Names.Contains(RegimePalette.Empty) ? 1 : 0);
        Assert.True(files.HasText($"{merged} other regimes ("), string.Join(" | ", files.Texts));
        Assert.True(files.Count(RegimePalette.Other) > 100);
    }

    [Theory]
    [InlineData(-1.0, 1.0)]
    [InlineData(1.0, -1.0)]
    public void Regimes_are_drawn_where_they_are_whichever_way_an_axis_runs(double from, double to)
    {
        // Left of x = 0: a stable fixed point; right: a saddle 2-cycle.
        var result = SyntheticSweeps.TwoD(41, 21, from, to,
            (x, _) => x < 0 ? [SyntheticSweeps.Object(1, Stability.Stable)] : [SyntheticSweeps.Object(2, Stability.Saddle)]);
        var field = RegimeField.Of(result);
        var colours = RegimePalette.Assign(field.Names);
        using var plot = MapPlot.Build(result);
        using var dir = new TempDirectory();
        plot.SavePng(Path.Combine(dir.Path, "map.png"), MapPlot.Width, MapPlot.Height);
        plot.SaveSvg(Path.Combine(dir.Path, "map.svg"), MapPlot.Width, MapPlot.Height);
        var files = new RenderedFiles(dir.Path);

        uint Colour(string regime) => RenderedFiles.Rgb(colours[field.Names.ToList().IndexOf(regime)]);
        var left = plot.GetPixel(new ScottPlot.Coordinates(-0.5, 1));
        var right = plot.GetPixel(new ScottPlot.Coordinates(0.5, 1));
        Assert.Equal(Colour("stable FP"), files.At(left.X, left.Y));
        Assert.Equal(Colour("saddle 2-cycle"), files.At(right.X, right.Y));
    }
}
