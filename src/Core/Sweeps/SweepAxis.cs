namespace Scyfi.Core.Sweeps;

/// <summary>A swept parameter: <paramref name="Points"/> equally spaced values from From to To (inclusive).</summary>
public sealed record SweepAxis(string Name, double From, double To, int Points)
{
    /// <summary>Value at grid index i.</summary>
    public double Value(int i) => Points == 1 ? From : From + (To - From) * i / (Points - 1);

    /// <summary>Value at a fractional grid position (refinement between grid points).</summary>
    public double ValueAt(double position) => Points == 1 ? From : From + (To - From) * position / (Points - 1);

    /// <summary>Length of the axis range.</summary>
    public double Span => Math.Abs(To - From);
}
