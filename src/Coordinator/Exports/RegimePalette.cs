using Scyfi.Core.Sweeps;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// Colours of the regimes of a map: a qualitative palette of light, well separated colours
/// (bifurcation markers are drawn over them in dark colours), assigned by area rank. The regime
/// without any object is near-white; regimes beyond the palette share one grey.
/// </summary>
internal static class RegimePalette
{
    /// <summary>Regime name of points without any fixed point or cycle.</summary>
    public static string Empty { get; } = Regime.Of(new PointResult(-1, [], 0, 0));

    private static readonly Color[] Colours =
    [
        Color.FromHex("#8DD3C7"), Color.FromHex("#FDB462"), Color.FromHex("#BEBADA"), Color.FromHex("#FB8072"),
        Color.FromHex("#80B1D3"), Color.FromHex("#B3DE69"), Color.FromHex("#FCCDE5"), Color.FromHex("#FFED6F"),
        Color.FromHex("#BC80BD"), Color.FromHex("#CCEBC5"), Color.FromHex("#E5C494"), Color.FromHex("#C49C94"),
        Color.FromHex("#DBDB8D"), Color.FromHex("#9EDAE5"), Color.FromHex("#B0BEC5"), Color.FromHex("#F4A582"),
    ];

    /// <summary>How many regimes get a colour and a legend entry of their own.</summary>
    public static int Distinct => Colours.Length;

    /// <summary>Colour of the merged regimes beyond <see cref="Distinct"/>.</summary>
    public static Color Other { get; } = Color.FromHex("#9E9E9E");

    /// <summary>Colour of the regime without any object.</summary>
    public static Color None { get; } = Color.FromHex("#F2F2F2");

    /// <summary>Colour of grid points missing from the result.</summary>
    public static Color Missing { get; } = Colors.White;

    /// <summary>Colours of the regimes (names ordered by area); those past the palette get <see cref="Other"/>.</summary>
    public static Color[] Assign(IReadOnlyList<string> names)
    {
        var colours = new Color[names.Count];
        int next = 0;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == Empty) colours[i] = None;
            else colours[i] = next < Colours.Length ? Colours[next++] : Other;
        }
        return colours;
    }
}
