namespace Scyfi.Core.Models;

/// <summary>
/// A continuous piecewise-affine map z ↦ F(z) whose pieces are switching regions (bit patterns):
/// the abstraction the cycle finder works on.
/// </summary>
public interface IPiecewiseLinearMap
{
    /// <summary>State dimension M.</summary>
    int Dimension { get; }
    /// <summary>Number of switching units S (bits of a region pattern).</summary>
    int SwitchingUnits { get; }
    /// <summary>64-bit words per region pattern.</summary>
    int RegionWords { get; }
    /// <summary>Region pattern of z: bit s (LSB first) set iff unit s is on (pre-activation &gt; 0).</summary>
    void Region(ReadOnlySpan<double> z, Span<ulong> pattern);
    /// <summary>(J, c) with F(z) = J z + c inside the region; J is M×M row-major.</summary>
    void Affine(ReadOnlySpan<ulong> pattern, Span<double> jacobian, Span<double> offset);
    /// <summary>One step of the true map.</summary>
    void Step(ReadOnlySpan<double> z, Span<double> next);
}
