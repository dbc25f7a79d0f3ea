using Scyfi.Core.Sweeps;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>How one bifurcation type is drawn: a dark colour (it sits on the light regime colours) and a marker shape.</summary>
/// <param name="Type">The type, as in <see cref="BifurcationTypes"/>.</param>
/// <param name="Color">Marker and line colour.</param>
/// <param name="Shape">Marker shape in 2-D maps.</param>
internal sealed record BifurcationStyle(string Type, Color Color, MarkerShape Shape)
{
    private static readonly BifurcationStyle[] Known =
    [
        new(BifurcationTypes.BorderCollision, Color.FromHex("#222222"), MarkerShape.FilledCircle),
        new(BifurcationTypes.BorderCollisionFold, Color.FromHex("#D62728"), MarkerShape.FilledSquare),
        new(BifurcationTypes.DegenerateTranscritical, Color.FromHex("#1F4EB4"), MarkerShape.FilledTriangleUp),
        new(BifurcationTypes.DegenerateFlip, Color.FromHex("#8E24AA"), MarkerShape.FilledDiamond),
        new(BifurcationTypes.DegenerateNeimarkSacker, Color.FromHex("#E65100"), MarkerShape.FilledTriangleDown),
        new(BifurcationTypes.StabilityChange, Color.FromHex("#1B7F3B"), MarkerShape.FilledSquare),
    ];

    /// <summary>Rank of the type in legends (the order of <see cref="BifurcationTypes.All"/>; unknown types last).</summary>
    public int Rank => Array.IndexOf(BifurcationTypes.All, Type) is var i and >= 0 ? i : BifurcationTypes.All.Length;

    /// <summary>The style of a type; a type not known here is drawn in grey crosses.</summary>
    public static BifurcationStyle Of(string type) =>
        Array.Find(Known, s => s.Type == type) ?? new BifurcationStyle(type, Color.FromHex("#616161"), MarkerShape.Eks);
}
