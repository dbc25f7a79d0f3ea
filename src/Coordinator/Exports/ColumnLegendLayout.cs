using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// A legend layout for long, partly multi-line labels: one column (a further one only when the
/// first is full), each row as tall as its own label, and a little extra space above every bold
/// item (a section heading). ScottPlot's own layout gives every row the height of the tallest.
/// </summary>
internal sealed class ColumnLegendLayout : ILegendLayout
{
    private const float RowGap = 5, SectionGap = 8, ColumnGap = 16;

    /// <inheritdoc/>
    public LegendLayout GetLayout(Legend legend, LegendItem[] items, PixelSize maxSize, Paint paint)
    {
        if (items.Length == 0) return LegendLayout.NoLegend;
        float maxHeight = maxSize.Height - legend.Padding.Vertical;
        var labels = items.Select(x => x.LabelStyle.Measure(x.LabelText, paint).Size).ToArray();
        float symbolWidth = Math.Max(legend.SymbolWidth, items.Max(x => x.MarkerStyle.Size));
        float columnWidth = symbolWidth + legend.SymbolPadding + labels.Max(x => x.Width);

        var labelRects = new PixelRect[items.Length];
        var symbolRects = new PixelRect[items.Length];
        float x = 0, y = 0, right = 0, bottom = 0;
        for (int i = 0; i < items.Length; i++)
        {
            float gap = i == 0 ? 0 : items[i].LabelBold ? SectionGap + RowGap : RowGap;
            float height = Math.Max(labels[i].Height, Math.Max(legend.SymbolHeight, items[i].MarkerStyle.Size));
            if (y > 0 && y + gap + height > maxHeight)
            {
                x += columnWidth + ColumnGap;
                y = 0;
                gap = 0;
            }
            float top = y + gap;
            symbolRects[i] = new PixelRect(x, x + symbolWidth, top + height, top);
            labelRects[i] = new PixelRect(x + symbolWidth + legend.SymbolPadding, x + columnWidth, top + height, top);
            y = top + height;
            right = Math.Max(right, x + columnWidth);
            bottom = Math.Max(bottom, y);
        }

        var offset = new PixelOffset(legend.Padding.Left, legend.Padding.Top);
        return new LegendLayout
        {
            LegendItems = items,
            LegendRect = new PixelRect(0, right + legend.Padding.Horizontal, bottom + legend.Padding.Vertical, 0),
            LabelRects = labelRects.Select(r => r.WithOffset(offset)).ToArray(),
            SymbolRects = symbolRects.Select(r => r.WithOffset(offset)).ToArray(),
        };
    }
}
