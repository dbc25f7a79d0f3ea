using ScottPlot;
using SkiaSharp;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// Picks the typeface of the plots: the first installed sans-serif family of a short list, else
/// whatever family the system has, else the first font file found in the usual folders. A machine
/// without any font still gets its pictures (with the text left out by the renderer).
/// </summary>
internal static class PlotFonts
{
    private static readonly string[] Preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans"];
    private static readonly string[] FontFolders = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "C:\\Windows\\Fonts"];
    private static readonly Lazy<string?> Family = new(Resolve);

    /// <summary>The family used, or null when the machine has no font at all.</summary>
    public static string? Name => Family.Value;

    /// <summary>
    /// Sets the family of the plot's title, axis labels, tick labels and legend; call after the
    /// axes are final. Weights are left alone (the title stays bold).
    /// </summary>
    public static void Apply(Plot plot)
    {
        if (Name is not { } name) return;
        plot.Axes.Title.Label.FontName = name;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = name;
            axis.TickLabelStyle.FontName = name;
        }
        plot.Legend.FontName = name;
    }

    private static string? Resolve()
    {
        try
        {
            var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (string name in Preferred)
                if (installed.Contains(name)) return name;
            if (installed.Count > 0) return installed.Order(StringComparer.Ordinal).First();
            return LoadFirstFontFile();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static string? LoadFirstFontFile()
    {
        foreach (string folder in FontFolders.Where(Directory.Exists))
        {
            string? file = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (file is null) continue;
            const string name = "Scyfi Plot Font";
            Fonts.AddFontFile(name, file);
            return name;
        }
        return null;
    }
}
