using System.Numerics;

namespace Scyfi.Core.Cycles;

/// <summary>Stability of a cycle from its multipliers (eigenvalues of the Jacobian product).</summary>
public enum Stability
{
    /// <summary>All |λ| &lt; 1.</summary>
    Stable,
    /// <summary>All |λ| &gt; 1 (a repeller).</summary>
    Unstable,
    /// <summary>Some |λ| &lt; 1 and some &gt; 1.</summary>
    Saddle,
    /// <summary>Some |λ| within <see cref="StabilityRules.NonHyperbolicTolerance"/> of 1: at a bifurcation.</summary>
    NonHyperbolic,
}

/// <summary>Classification rules and names.</summary>
public static class StabilityRules
{
    /// <summary>Distance of |λ| from 1 below which a multiplier counts as on the unit circle.</summary>
    public const double NonHyperbolicTolerance = 1e-9;

    /// <summary>Classifies a multiplier list.</summary>
    public static Stability Classify(IReadOnlyList<Complex> multipliers)
    {
        bool inside = false, outside = false;
        foreach (var l in multipliers)
        {
            double r = l.Magnitude;
            if (Math.Abs(r - 1) <= NonHyperbolicTolerance) return Stability.NonHyperbolic;
            if (r < 1) inside = true; else outside = true;
        }
        return inside && outside ? Stability.Saddle : outside ? Stability.Unstable : Stability.Stable;
    }

    /// <summary>The label used in JSON and tables.</summary>
    public static string Label(this Stability s) => s switch
    {
        Stability.Stable => "stable",
        Stability.Unstable => "unstable",
        Stability.Saddle => "saddle",
        _ => "non-hyperbolic",
    };

    /// <summary>Parses a label written by <see cref="Label"/>.</summary>
    public static Stability Parse(string label) => label switch
    {
        "stable" => Stability.Stable,
        "unstable" => Stability.Unstable,
        "saddle" => Stability.Saddle,
        "non-hyperbolic" => Stability.NonHyperbolic,
        _ => throw new FormatException($"unknown stability label '{label}'"),
    };
}
