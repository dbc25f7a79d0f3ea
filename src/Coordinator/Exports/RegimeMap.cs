using Scyfi.Core.Sweeps;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// The 2-D map: the regime of every grid point drawn as one bitmap (one cell per grid point,
/// upscaled so that SVG viewers do not blur the borders), bifurcation locations as markers by
/// type on top, thinned where they are denser than the markers, a legend in words on the right.
/// </summary>
internal static class RegimeMap
{
    /// <summary>Approximate data-area edge in pixels, for upscaling and thinning.</summary>
    private const int DataPixels = 700;
    private const float MarkerSize = 6;
    private const int MaxMarkersPerType = 6000;

    /// <summary>Draws the map of a 2-D sweep into a plot.</summary>
    public static void Draw(Plot plot, SweepResult result)
    {
        var grid = result.Grid;
        SweepAxis ax = grid.Spec.Axes[0], ay = grid.Spec.Axes[1];
        var field = RegimeField.Of(result);
        var colours = RegimePalette.Assign(field.Names);

        var extent = Extent(ax, ay);
        var image = plot.Add.ImageRect(Bitmap(grid, field, colours), extent);
        image.AntiAlias = false;

        var counts = result.Bifurcations.GroupBy(b => b.Type).ToDictionary(g => g.Key, g => g.Count());
        double binX = extent.Width / DataPixels * MarkerSize * 0.6, binY = extent.Height / DataPixels * MarkerSize * 0.6;
        foreach (var group in result.Bifurcations.GroupBy(b => b.Type).OrderByDescending(g => g.Count()))
        {
            var style = BifurcationStyle.Of(group.Key);
            var located = group.Where(b => b.At.ContainsKey(ax.Name) && b.At.ContainsKey(ay.Name)).ToList();
            var (xs, ys) = PointThinning.Thin(located.Select(b => b.At[ax.Name]).ToList(), located.Select(b => b.At[ay.Name]).ToList(), binX, binY, MaxMarkersPerType);
            var markers = plot.Add.Markers(xs, ys, style.Shape, MarkerSize, style.Color);
            markers.MarkerLineWidth = 0;
        }

        plot.Axes.SetLimits(extent.Left, extent.Right, extent.Bottom, extent.Top);
        plot.Title($"{PlotCaptions.ModelAndOrders(grid.Spec)}: regimes over {ax.Name} × {ay.Name}", 18);
        plot.XLabel(ax.Name, 16);
        plot.YLabel(ay.Name, 16);
        LegendEntries.Show(plot, Legend(field, colours, counts, grid));
    }

    private static IEnumerable<LegendItem> Legend(RegimeField field, Color[] colours, Dictionary<string, int> bifurcations, SweepGrid grid)
    {
        int points = grid.PointCount;
        yield return LegendEntries.Heading($"Regimes (share of the {grid.Nx} × {grid.Ny} grid)");
        int other = 0, otherPoints = 0;
        for (int i = 0; i < field.Names.Count; i++)
        {
            if (colours[i] == RegimePalette.Other && field.Names[i] != RegimePalette.Empty) { other++; otherPoints += field.Counts[i]; continue; }
            yield return LegendEntries.Swatch($"{PlotCaptions.Wrap(field.Names[i])} ({PlotCaptions.Percent(field.Counts[i], points)})", colours[i]);
        }
        if (other > 0) yield return LegendEntries.Swatch($"{other} other regimes ({PlotCaptions.Percent(otherPoints, points)})", RegimePalette.Other);
        if (bifurcations.Count == 0) yield break;
        yield return LegendEntries.Heading("Bifurcations");
        foreach (var (type, n) in bifurcations.OrderBy(kv => BifurcationStyle.Of(kv.Key).Rank).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var style = BifurcationStyle.Of(type);
            yield return LegendEntries.Marker($"{type} ({PlotCaptions.Count(n)})", style.Shape, style.Color);
        }
    }

    /// <summary>The rectangle covered by the grid cells (grid points at cell centres).</summary>
    private static CoordinateRect Extent(SweepAxis ax, SweepAxis ay)
    {
        double hx = ax.Span / (ax.Points - 1) / 2, hy = ay.Span / (ay.Points - 1) / 2;
        return new CoordinateRect(
            Math.Min(ax.From, ax.To) - hx, Math.Max(ax.From, ax.To) + hx,
            Math.Min(ay.From, ay.To) - hy, Math.Max(ay.From, ay.To) + hy);
    }

    /// <summary>The regime colours as an RGB bitmap, row 0 at the top, each cell upscaled to whole pixels.</summary>
    private static Image Bitmap(SweepGrid grid, RegimeField field, Color[] colours)
    {
        int nx = grid.Nx, ny = grid.Ny;
        int sx = Math.Max(1, (int)Math.Ceiling((double)DataPixels / nx)), sy = Math.Max(1, (int)Math.Ceiling((double)DataPixels / ny));
        bool flipX = grid.Spec.Axes[0].From > grid.Spec.Axes[0].To, flipY = grid.Spec.Axes[1].From > grid.Spec.Axes[1].To;
        var rgb = new byte[ny * sy, nx * sx, 3];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                int r = field.Index[grid.Index(i, j)];
                Color c = r < 0 ? RegimePalette.Missing : colours[r];
                int col = (flipX ? nx - 1 - i : i) * sx, row = (flipY ? j : ny - 1 - j) * sy;
                for (int dy = 0; dy < sy; dy++)
                    for (int dx = 0; dx < sx; dx++)
                    {
                        rgb[row + dy, col + dx, 0] = c.R;
                        rgb[row + dy, col + dx, 1] = c.G;
                        rgb[row + dy, col + dx, 2] = c.B;
                    }
            }
        return new Image(rgb);
    }
}
