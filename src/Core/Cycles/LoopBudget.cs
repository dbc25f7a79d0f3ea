namespace Scyfi.Core.Cycles;

/// <summary>
/// Outer/inner loop sizes of the SCYFI heuristic per order: the published defaults (tuned for
/// 2D, science.md §3.1) unless the user overrides them.
/// </summary>
public static class LoopBudget
{
    /// <summary>(N_out, N_in) defaults for order k.</summary>
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
