namespace Scyfi.Core.Cycles;

/// <summary>
/// Outer/inner loop sizes of the SCYFI heuristic per order: the published defaults (tuned for
/// 2D, science.md §3.1) unless the user overrides them.
/// </summary>
public static class LoopBudget
{
    /// <summary>
    /// Defaults for order k with an alphabet of the given number of regions: the published table
    /// for up to 4 regions (2D, where it was tuned), the inner loop scaled by log₂(regions)/2 above
    /// (science.md §3.1 recommends scaling with the dimension; the jump chains get longer as the
    /// number of regions grows, roughly with its logarithm).
    /// </summary>
    public static (int Outer, int Inner) Default(int k, double regions)
    {
        var (o, i) = Default(k);
        double factor = Math.Max(1.0, Math.Log2(Math.Max(regions, 1)) / 2);
        return (o, (int)Math.Ceiling(i * factor));
    }

    /// <summary>(N_out, N_in) defaults for order k (the published table).</summary>
    public static (int Outer, int Inner) Default(int k) => k switch
    {
        <= 2 => (10, 20),
        <= 5 => (10, 60),
        <= 7 => (10, 300),
        <= 19 => (40, 1080),
        <= 29 => (40, 1115),
        _ => (100, 1115),
    };
}
