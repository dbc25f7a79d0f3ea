using Scyfi.Core.Cycles;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// The dynamical signature of a parameter point in words, e.g. "stable 2-cycle + saddle FP":
/// attractors first, then the other objects by order. Points with equal signatures form one
/// regime of the bifurcation map.
/// </summary>
public static class Regime
{
    /// <summary>The regime name of a point.</summary>
    public static string Of(PointResult point)
    {
        if (point.Objects.Length == 0) return "no fixed points or cycles";
        var groups = point.Objects
            .GroupBy(o => (o.Order, o.Stability))
            .OrderBy(g => g.Key.Stability == Stability.Stable ? 0 : 1)
            .ThenBy(g => g.Key.Order)
            .ThenBy(g => g.Key.Stability)
            .Select(g => Words(g.Count(), g.Key.Stability, g.Key.Order));
        return string.Join(" + ", groups);
    }

    private static string Words(int count, Stability s, int order)
    {
        string noun = order == 1 ? (count == 1 ? "FP" : "FPs") : $"{order}-cycle{(count == 1 ? "" : "s")}";
        return $"{(count == 1 ? "" : count + " ")}{s.Label()} {noun}";
    }
}
