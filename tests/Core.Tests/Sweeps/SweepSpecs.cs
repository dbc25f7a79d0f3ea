using System.Globalization;
using Scyfi.Core.Sweeps;

namespace Scyfi.Core.Tests.Sweeps;

/// <summary>Sweep specs of the analytic validation systems (science.md §7), built inline.</summary>
internal static class SweepSpecs
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Fill(string template, params object[] values)
    {
        for (int i = 0; i < values.Length; i++)
            template = template.Replace($"@{i}@", values[i] is double d ? F(d) : Convert.ToString(values[i], CultureInfo.InvariantCulture));
        return template;
    }

    /// <summary>Skew tent map z' = a_l z + μ (z ≤ 0), a_r z + μ (z &gt; 0) swept over a_r.</summary>
    public static SweepSpec Tent(double al, int points, int maxOrder = 4, double from = -2, double to = 2) => SweepSpec.Parse(Fill("""
        {"model": {"type":"plrnn","A":[[@0@]],"W":[[0]],"h":[1]},
         "maxOrder": @1@,
         "axes": [{"name":"a_r","from":@2@,"to":@3@,"points":@4@}],
         "set": {"W[0,0]": {"a_r": 1, "const": @5@}},
         "tile": 16, "finder": {"outer": 10, "inner": 50, "seed": 3}}
        """, F(al), maxOrder, F(from), F(to), points, F(-al)));

    /// <summary>The 2D one-switch system over (a_l, a_r).</summary>
    public static SweepSpec OneSwitch(int nx, int ny, double alFrom = -1, double alTo = 1.8, double arFrom = -2, double arTo = 0.8, int maxOrder = 2) => SweepSpec.Parse(Fill("""
        {"model": {"type":"plrnn","A":[[0,0.8],[-0.4,0.2]],"W":[[0,0],[0.9,0]],"h":[0.214,0]},
         "maxOrder": @0@,
         "axes": [{"name":"a_l","from":@1@,"to":@2@,"points":@3@},
                  {"name":"a_r","from":@4@,"to":@5@,"points":@6@}],
         "set": {"A[0,0]": {"a_l": 1}, "W[0,0]": {"a_l": -1, "a_r": 1}},
         "tile": 8, "finder": {"outer": 10, "inner": 50, "seed": 1}}
        """, maxOrder, F(alFrom), F(alTo), nx, F(arFrom), F(arTo), ny));

    /// <summary>The one-switch system along a_l at fixed a_r.</summary>
    public static SweepSpec OneSwitchSection(double ar, double alFrom, double alTo, int points, int maxOrder = 2) => SweepSpec.Parse(Fill("""
        {"model": {"type":"plrnn","A":[[0,0.8],[-0.4,0.2]],"W":[[0,0],[0.9,0]],"h":[0.214,0]},
         "maxOrder": @0@,
         "axes": [{"name":"a_l","from":@1@,"to":@2@,"points":@3@}],
         "set": {"A[0,0]": {"a_l": 1}, "W[0,0]": {"a_l": -1, "const": @4@}},
         "tile": 16, "finder": {"outer": 10, "inner": 50, "seed": 1}}
        """, maxOrder, F(alFrom), F(alTo), points, F(ar)));
}
