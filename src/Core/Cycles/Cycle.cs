using System.Numerics;

namespace Scyfi.Core.Cycles;

/// <summary>
/// A real k-cycle of minimal period k (k = 1: a fixed point): its points in the rotation of its
/// canonical itinerary, its multipliers, stability and how well it was verified.
/// </summary>
/// <param name="Order">Minimal period k.</param>
/// <param name="Itinerary">Canonical (rotation-minimal) region sequence; Points[j] lies in region j.</param>
/// <param name="Points">k points, Points[j+1] = F(Points[j]).</param>
/// <param name="Multipliers">Eigenvalues of the Jacobian product, by decreasing modulus.</param>
/// <param name="SpectralRadius">max |λ|.</param>
/// <param name="Stability">Stability label.</param>
/// <param name="Residual">‖F^k(z₁) − z₁‖∞ evaluated with the true map.</param>
/// <param name="BorderDistance">Smallest distance of any point to a switching hyperplane.</param>
/// <param name="BorderUnit">The switching unit attaining <paramref name="BorderDistance"/> (-1 if none).</param>
public sealed record Cycle(
    int Order,
    Itinerary Itinerary,
    double[][] Points,
    Complex[] Multipliers,
    double SpectralRadius,
    Stability Stability,
    double Residual,
    double BorderDistance,
    int BorderUnit)
{
    /// <summary>Relative tolerance on points when deciding whether two cycles are the same.</summary>
    public const double PointTolerance = 1e-7;

    /// <summary>Infinity norm of the largest point.</summary>
    public double Scale => MaxAbs(Points);

    /// <summary>Largest |coordinate| of any point (a loop: asked for every cycle built).</summary>
    internal static double MaxAbs(double[][] points)
    {
        double m = 0;
        foreach (var p in points) m = Math.Max(m, Linear.DenseKernels.MaxAbs(p));
        return m;
    }

    /// <summary>True when the two cycles have the same itinerary and (aligned) points within tolerance.</summary>
    public bool SameAs(Cycle other)
    {
        if (Order != other.Order || !Itinerary.Equals(other.Itinerary)) return false;
        double tol = PointTolerance * (1 + Math.Max(Scale, other.Scale));
        for (int j = 0; j < Order; j++)
            for (int i = 0; i < Points[j].Length; i++)
                if (Math.Abs(Points[j][i] - other.Points[j][i]) > tol) return false;
        return true;
    }
}

/// <summary>
/// An itinerary whose cycle equation was singular (a multiplier at exactly +1): the parameter
/// sits on a degenerate transcritical bifurcation, or the object is a continuum (e.g. a line
/// attractor). Reported, never silently dropped.
/// </summary>
/// <param name="Order">k.</param>
/// <param name="Itinerary">Canonical itinerary.</param>
/// <param name="Kind">"continuum" when the singular system is consistent and a solution visits the assumed regions; "no-solution" otherwise (the object is at infinity).</param>
public sealed record DegenerateItinerary(int Order, Itinerary Itinerary, string Kind);
