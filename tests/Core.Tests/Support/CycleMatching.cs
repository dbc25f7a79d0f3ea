using Scyfi.Core.Cycles;

namespace Scyfi.Core.Tests.Support;

/// <summary>Compares cycles as point sets over rotations, with a relative tolerance.</summary>
public static class CycleMatching
{
    /// <summary>True when the two point sequences are the same cycle in some rotation.</summary>
    public static bool SameCycle(double[][] a, double[][] b, double relTol = 1e-6)
    {
        if (a.Length != b.Length || a[0].Length != b[0].Length) return false;
        int k = a.Length;
        double scale = 1 + Math.Max(a.Max(p => p.Max(Math.Abs)), b.Max(p => p.Max(Math.Abs)));
        for (int shift = 0; shift < k; shift++)
        {
            bool ok = true;
            for (int j = 0; j < k && ok; j++)
                for (int i = 0; i < a[j].Length && ok; i++)
                    ok = Math.Abs(a[j][i] - b[(j + shift) % k][i]) <= relTol * scale;
            if (ok) return true;
        }
        return false;
    }

    /// <summary>Describes a list of cycles for assertion messages.</summary>
    public static string Describe(IEnumerable<Cycle> cycles) =>
        string.Join("; ", cycles.Select(c => $"k={c.Order} {c.Stability} ρ={c.SpectralRadius:G6} z1=({string.Join(", ", c.Points[0].Select(x => x.ToString("G6")))}) [{c.Itinerary}]"));

    /// <summary>
    /// Asserts that two finds agree: the same number of cycles per order, each cycle of one matched
    /// by a cycle of the other with the same itinerary, points and stability.
    /// </summary>
    public static void AssertSameObjects(FindResult expected, FindResult actual, string context)
    {
        foreach (int k in expected.Orders)
        {
            var e = expected.Cycles.Where(c => c.Order == k).ToList();
            var a = actual.Cycles.Where(c => c.Order == k).ToList();
            if (e.Count != a.Count)
                throw new Xunit.Sdk.XunitException($"{context}: order {k}: expected {e.Count} cycles, found {a.Count}.\nexpected: {Describe(e)}\nfound: {Describe(a)}");
            foreach (var c in e)
            {
                var match = a.FirstOrDefault(x => x.Itinerary.Equals(c.Itinerary));
                if (match is null || !SameCycle(c.Points, match.Points) || match.Stability != c.Stability)
                    throw new Xunit.Sdk.XunitException($"{context}: order {k}: no match for {Describe([c])}\nfound: {Describe(a)}");
            }
        }
    }
}
