using Scyfi.Core.Sweeps;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// The picture of a sweep, written as <c>map.png</c> and <c>map.svg</c>: for a 2-D sweep the
/// regime map (regions coloured by their dynamical signature, bifurcation locations marked by
/// type), for a 1-D sweep the bifurcation diagram (first state coordinate of every object
/// against the parameter, bifurcations as vertical lines).
/// </summary>
public static class MapPlot
{
    /// <summary>Width of the written images in pixels.</summary>
    public const int Width = 1280;

    /// <summary>Height of the written images in pixels.</summary>
    public const int Height = 800;

    /// <summary>Writes <c>map.png</c> and <c>map.svg</c> of a sweep into a directory (created if missing).</summary>
    public static void Write(SweepResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        using Plot plot = Build(result);
        try
        {
            plot.SavePng(Path.Combine(directory, "map.png"), Width, Height);
            plot.SaveSvg(Path.Combine(directory, "map.svg"), Width, Height);
        }
        finally
        {
            // The regime bitmap holds native memory that disposing the plot does not free.
            foreach (var image in plot.GetPlottables<ScottPlot.Plottables.ImageRect>()) image.Image?.Dispose();
        }
    }

    /// <summary>The plot of a sweep: a regime map in 2-D, a bifurcation diagram in 1-D.</summary>
    internal static Plot Build(SweepResult result)
    {
        var plot = new Plot();
        PlotFonts.Apply(plot);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 13;
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { MinimumTickSpacing = 40 };
        }
        if (result.Grid.TwoD) RegimeMap.Draw(plot, result);
        else BifurcationDiagram.Draw(plot, result);
        return plot;
    }
}
