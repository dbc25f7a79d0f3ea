using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>Legend items of the maps: section headings, colour swatches, markers and lines.</summary>
internal static class LegendEntries
{
    private const float FontSize = 14;

    /// <summary>A heading without a symbol.</summary>
    public static LegendItem Heading(string text) => new()
    {
        LabelText = text,
        LabelBold = true,
        LabelFontSize = FontSize,
    };

    /// <summary>A filled swatch (a regime colour).</summary>
    public static LegendItem Swatch(string text, Color fill) => new()
    {
        LabelText = text,
        LabelFontSize = FontSize,
        FillColor = fill,
        OutlineColor = Color.FromHex("#555555"),
        OutlineWidth = 1,
    };

    /// <summary>A marker (a bifurcation type in a map, an order or a stability in a diagram).</summary>
    public static LegendItem Marker(string text, MarkerShape shape, Color color, float size = 9) => new()
    {
        LabelText = text,
        LabelFontSize = FontSize,
        MarkerShape = shape,
        MarkerSize = size,
        MarkerFillColor = color,
        MarkerLineColor = color,
        MarkerLineWidth = 1.5f,
    };

    /// <summary>A line (a bifurcation type in a diagram).</summary>
    public static LegendItem Line(string text, Color color) => new()
    {
        LabelText = text,
        LabelFontSize = FontSize,
        LineColor = color,
        LineWidth = 2,
    };

    /// <summary>Shows the items in a legend to the right of the data area.</summary>
    public static void Show(Plot plot, IEnumerable<LegendItem> items)
    {
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Color.FromHex("#BBBBBB");
        plot.Legend.SymbolWidth = 22;
        plot.Legend.Layout = new ColumnLegendLayout();
        var panel = plot.ShowLegend(Edge.Right);
        panel.Alignment = Alignment.UpperCenter;
    }
}
