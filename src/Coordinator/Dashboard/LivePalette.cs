namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Regime colours of the live map: the hues of the exported map.png (Exports/RegimePalette), but
/// given out in order of first appearance rather than by area, so that a colour never changes
/// while the map fills in. The regime without objects is near-white, as in the export.
/// </summary>
internal static class LivePalette
{
    private static readonly string[] Colours =
    [
        "#8DD3C7", "#FDB462", "#BEBADA", "#FB8072", "#80B1D3", "#B3DE69", "#FCCDE5", "#FFED6F",
        "#BC80BD", "#CCEBC5", "#E5C494", "#C49C94", "#DBDB8D", "#9EDAE5", "#B0BEC5", "#F4A582",
    ];

    /// <summary>Colour of regimes past the palette.</summary>
    public const string Other = "#9E9E9E";

    /// <summary>Colour of the regime without any fixed point or cycle.</summary>
    public const string None = "#F2F2F2";

    /// <summary>Colour of the n-th coloured regime (0-based, the empty regime not counted).</summary>
    public static string Colour(int n) => n < Colours.Length ? Colours[n] : Other;
}
