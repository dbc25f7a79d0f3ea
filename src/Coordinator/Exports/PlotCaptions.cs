using System.Globalization;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Exports;

/// <summary>Titles and labels of the plots, from a sweep's spec.</summary>
internal static class PlotCaptions
{
    /// <summary>"PLRNN (M = 2), orders 1–2".</summary>
    public static string ModelAndOrders(SweepSpec spec) =>
        $"{ModelName(spec.Model.Type)} (M = {spec.Model.Dimension}), {Orders(spec.Orders)}";

    /// <summary>The display name of a model type.</summary>
    public static string ModelName(string type) => type switch
    {
        "plrnn" => "PLRNN",
        "shplrnn" => "shPLRNN",
        "clipped-shplrnn" => "clipped shPLRNN",
        "alrnn" => "ALRNN",
        _ => type,
    };

    /// <summary>"order 16", "orders 1–8" or "orders 1, 2, 16".</summary>
    public static string Orders(IReadOnlyList<int> orders)
    {
        if (orders.Count == 1) return $"order {orders[0]}";
        bool contiguous = orders[^1] - orders[0] == orders.Count - 1;
        return contiguous ? $"orders {orders[0]}–{orders[^1]}" : $"orders {string.Join(", ", orders)}";
    }

    /// <summary>"FP" for order 1, "k-cycle" otherwise.</summary>
    public static string OrderName(int k) => k == 1 ? "FP" : $"{k}-cycle";

    /// <summary>A share of a total as a short percentage ("23%", "4.5%", "&lt;0.1%").</summary>
    public static string Percent(int part, int total)
    {
        double p = 100.0 * part / Math.Max(1, total);
        if (p < 0.1) return "<0.1%";
        return p < 10 ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : p.ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>
    /// A regime name broken into lines of at most about <paramref name="width"/> characters at
    /// its " + " joints (a single part longer than that stays whole).
    /// </summary>
    public static string Wrap(string name, int width = 38)
    {
        var lines = new List<string>();
        foreach (string part in name.Split(" + "))
        {
            if (lines.Count > 0 && lines[^1].Length + 3 + part.Length <= width) lines[^1] += " + " + part;
            else lines.Add(lines.Count == 0 ? part : "+ " + part);
        }
        return string.Join('\n', lines);
    }

    /// <summary>An integer with thousands separators.</summary>
    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
