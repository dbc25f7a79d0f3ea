namespace Scyfi.EndToEnd.Tests;

/// <summary>The exported files that must not depend on crashes, compared byte for byte.</summary>
internal static class ResultFiles
{
    public static readonly string[] Compared = ["points.csv", "bifurcations.json"];

    public static void AssertIdentical(string expectedDir, string actualDir)
    {
        foreach (var name in Compared)
        {
            string expected = Path.Combine(expectedDir, name), actual = Path.Combine(actualDir, name);
            Assert.True(File.Exists(expected), $"the uninterrupted run wrote no {name}");
            Assert.True(File.Exists(actual), $"the interrupted run wrote no {name}");
            var a = File.ReadAllBytes(expected);
            var b = File.ReadAllBytes(actual);
            if (a.AsSpan().SequenceEqual(b)) continue;
            Assert.Fail($"{name} differs from the uninterrupted run ({a.Length} vs {b.Length} bytes): {FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var x = File.ReadAllLines(expected);
        var y = File.ReadAllLines(actual);
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            string? l = i < x.Length ? x[i] : null, r = i < y.Length ? y[i] : null;
            if (l != r) return $"line {i + 1}\n  expected: {l ?? "<end of file>"}\n  actual:   {r ?? "<end of file>"}";
        }
        return "same lines, different line endings or trailing bytes";
    }
}
