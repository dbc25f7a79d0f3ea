using System.Globalization;
using System.Text;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// points.csv: one row per grid point — the axis values (columns named after the axes), then per
/// order k the columns n{k} (number of k-cycles) and s{k} (stable ones), then degenerate.
/// </summary>
public static class PointsCsv
{
    /// <summary>The header line.</summary>
    public static string Header(SweepSpec spec) =>
        string.Join(",", spec.Axes.Select(a => a.Name).Concat(spec.Orders.SelectMany(k => new[] { $"n{k}", $"s{k}" })).Append("degenerate"));

    /// <summary>The row of one point.</summary>
    public static string Row(SweepGrid grid, PointResult p)
    {
        var sb = new StringBuilder();
        foreach (double v in grid.AxisValues(p.Index)) sb.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
        foreach (int k in grid.Spec.Orders) sb.Append(p.Count(k)).Append(',').Append(p.Stable(k)).Append(',');
        sb.Append(p.Degenerate);
        return sb.ToString();
    }

    /// <summary>Writes all points in index order (first axis fastest).</summary>
    public static void Write(TextWriter w, SweepGrid grid, IEnumerable<PointResult> points)
    {
        w.WriteLine(Header(grid.Spec));
        foreach (var p in points.OrderBy(p => p.Index)) w.WriteLine(Row(grid, p));
    }
}
