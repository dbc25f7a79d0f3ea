using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>Colours of the cycle orders in a bifurcation diagram: ten well separated colours, then evenly spread hues.</summary>
internal static class OrderPalette
{
    private static readonly Color[] Colours =
    [
        Color.FromHex("#1F77B4"), Color.FromHex("#D62728"), Color.FromHex("#2CA02C"), Color.FromHex("#FF7F0E"), Color.FromHex("#9467BD"),
        Color.FromHex("#8C564B"), Color.FromHex("#E377C2"), Color.FromHex("#17BECF"), Color.FromHex("#BCBD22"), Color.FromHex("#393B79"),
    ];

    /// <summary>The colour of order k (1 = fixed points).</summary>
    public static Color Of(int k) =>
        k >= 1 && k <= Colours.Length ? Colours[k - 1] : Color.FromHSL((float)(k * 0.618034 % 1.0), 0.65f, 0.42f);
}
