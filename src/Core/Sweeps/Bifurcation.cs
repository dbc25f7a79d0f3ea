namespace Scyfi.Core.Sweeps;

/// <summary>Names of the bifurcation types, as written to bifurcations.json.</summary>
public static class BifurcationTypes
{
    /// <summary>An object's point crosses a switching boundary (it vanishes/appears alone, or continues with a changed itinerary).</summary>
    public const string BorderCollision = "border-collision";
    /// <summary>A pair of objects appears or vanishes together at a border.</summary>
    public const string BorderCollisionFold = "border-collision-fold";
    /// <summary>A real multiplier crosses +1: the object runs off to infinity.</summary>
    public const string DegenerateTranscritical = "degenerate-transcritical";
    /// <summary>A real multiplier crosses −1.</summary>
    public const string DegenerateFlip = "degenerate-flip";
    /// <summary>A complex pair crosses the unit circle.</summary>
    public const string DegenerateNeimarkSacker = "degenerate-neimark-sacker";
    /// <summary>An object continues through a border and its stability jumps.</summary>
    public const string StabilityChange = "stability-change";

    /// <summary>All types, in the order used for legends and summaries.</summary>
    public static readonly string[] All = [BorderCollision, BorderCollisionFold, DegenerateTranscritical, DegenerateFlip, DegenerateNeimarkSacker, StabilityChange];
}

/// <summary>A located bifurcation.</summary>
/// <param name="At">Axis values of the (refined) location.</param>
/// <param name="Type">One of <see cref="BifurcationTypes"/>.</param>
/// <param name="Order">Order of the object(s) involved.</param>
/// <param name="Detail">What changed.</param>
public sealed record Bifurcation(Dictionary<string, double> At, string Type, int Order, BifurcationDetail Detail);

/// <summary>Details of a bifurcation.</summary>
/// <param name="Change">"vanishes", "appears", "persists" (itinerary changes at a border) or "stability".</param>
/// <param name="Itineraries">Itineraries involved (bit strings per point, joined by spaces).</param>
/// <param name="Unit">The switching unit / hyperplane of a border collision.</param>
/// <param name="StabilityBefore">Stability on the first side of the edge (lower axis values).</param>
/// <param name="StabilityAfter">Stability on the second side.</param>
/// <param name="Multiplier">The multiplier at the unit circle (re, im) for degenerate bifurcations.</param>
/// <param name="EdgeFrom">Axis values of the edge's first end.</param>
/// <param name="EdgeTo">Axis values of the edge's second end.</param>
public sealed record BifurcationDetail(
    string Change,
    string[] Itineraries,
    string? Unit,
    string? StabilityBefore,
    string? StabilityAfter,
    double[]? Multiplier,
    Dictionary<string, double> EdgeFrom,
    Dictionary<string, double> EdgeTo);
