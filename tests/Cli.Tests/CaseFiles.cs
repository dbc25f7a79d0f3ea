using System.Text.Json;

namespace Scyfi.Cli.Tests;

/// <summary>The shared reference cases copied next to the test assembly (data/cases).</summary>
internal static class CaseFiles
{
    public static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "data", "cases", name + ".json");

    public static ExpectedCase Expected(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "cases", name + ".expected.json")));
        var root = doc.RootElement;
        var counts = root.GetProperty("counts").EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetInt32());
        var objects = root.GetProperty("objects").EnumerateArray()
            .Select(o => new ExpectedObject(o.GetProperty("order").GetInt32(), CycleObject.ReadPoints(o.GetProperty("points")),
                o.GetProperty("stable").GetBoolean(), o.GetProperty("spectralRadius").GetDouble()))
            .ToList();
        return new ExpectedCase(root.GetProperty("maxOrder").GetInt32(), counts, objects);
    }
}

/// <summary>An expected.json file: counts are only given for orders whose count is certain.</summary>
internal sealed record ExpectedCase(int MaxOrder, IReadOnlyDictionary<int, int> Counts, IReadOnlyList<ExpectedObject> Objects);

internal sealed record ExpectedObject(int Order, double[][] Points, bool Stable, double SpectralRadius);
