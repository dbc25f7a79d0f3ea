using System.Text.Json;

namespace Scyfi.Cli.Tests;

/// <summary>One object of a <c>find --json</c> document, and comparison of cycles as sets over rotations.</summary>
internal sealed record CycleObject(int Order, double[][] Points, string Stability, double SpectralRadius)
{
    /// <summary>Relative tolerance on points: cycles are compared by value, never by rounding.</summary>
    public const double Tolerance = 1e-6;

    public static IReadOnlyList<CycleObject> ReadAll(JsonElement report) =>
        report.GetProperty("objects").EnumerateArray()
            .Select(o => new CycleObject(o.GetProperty("order").GetInt32(), ReadPoints(o.GetProperty("points")),
                o.GetProperty("stability").GetString()!, o.GetProperty("spectralRadius").GetDouble()))
            .ToList();

    public static double[][] ReadPoints(JsonElement points) =>
        points.EnumerateArray().Select(p => p.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();

    public static bool Close(double a, double b) => Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>True when <paramref name="b"/> is <paramref name="a"/> started at some other point of the cycle.</summary>
    public static bool SameCycle(double[][] a, double[][] b)
    {
        int k = a.Length;
        if (b.Length != k) return false;
        for (int r = 0; r < k; r++)
        {
            bool all = true;
            for (int i = 0; all && i < k; i++)
                all = a[(i + r) % k].Length == b[i].Length && Enumerable.Zip(a[(i + r) % k], b[i]).All(p => Close(p.First, p.Second));
            if (all) return true;
        }
        return false;
    }

    /// <summary>
    /// Asserts a one-to-one match of two object lists by order and points (any rotation), and returns
    /// the matched pairs so callers can compare what else they know.
    /// </summary>
    public static List<(T Expected, CycleObject Actual)> Match<T>(IReadOnlyList<T> expected, IReadOnlyList<CycleObject> actual,
        Func<T, int> order, Func<T, double[][]> points)
    {
        Assert.Equal(expected.Count, actual.Count);
        var unused = actual.ToList();
        var pairs = new List<(T, CycleObject)>();
        foreach (var e in expected)
        {
            var match = unused.FirstOrDefault(a => a.Order == order(e) && SameCycle(a.Points, points(e)));
            Assert.True(match is not null, $"no order-{order(e)} object at ({Show(points(e)[0])}) among the actual objects");
            unused.Remove(match);
            pairs.Add((e, match));
        }
        return pairs;
    }

    /// <summary>Asserts that two runs found the same objects with the same stability and spectral radius.</summary>
    public static void AssertSameSet(IReadOnlyList<CycleObject> expected, IReadOnlyList<CycleObject> actual)
    {
        foreach (var (e, a) in Match(expected, actual, c => c.Order, c => c.Points))
        {
            Assert.Equal(e.Stability, a.Stability);
            Assert.True(Close(e.SpectralRadius, a.SpectralRadius), $"spectral radius {a.SpectralRadius} vs {e.SpectralRadius}");
        }
    }

    private static string Show(double[] p) => string.Join(", ", p.Select(x => x.ToString("G7", System.Globalization.CultureInfo.InvariantCulture)));
}
