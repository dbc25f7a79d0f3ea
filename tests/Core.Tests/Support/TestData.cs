using System.Text.Json;
using Scyfi.Core.Models;

namespace Scyfi.Core.Tests.Support;

/// <summary>Paths to the reference cases copied into tests/data (the repository tests on its own).</summary>
public static class TestData
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "data", "cases");

    public static string ModelPath(string name) => Path.Combine(Dir, name + ".json");

    public static ReluModel Model(string name) => ModelFile.Load(ModelPath(name));

    public static Expected Expected(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, name + ".expected.json")));
        var root = doc.RootElement;
        var counts = root.GetProperty("counts").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => p.Value.GetInt32());
        var objects = root.GetProperty("objects").EnumerateArray().Select(o => new ExpectedObject(
            o.GetProperty("order").GetInt32(),
            o.GetProperty("points").EnumerateArray().Select(p => p.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray(),
            o.GetProperty("stable").GetBoolean(),
            o.GetProperty("spectralRadius").GetDouble())).ToList();
        return new Expected(root.GetProperty("maxOrder").GetInt32(), counts, objects);
    }

    public static IEnumerable<string> CaseNames() =>
        Directory.GetFiles(Dir, "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order();
}

public sealed record Expected(int MaxOrder, Dictionary<int, int> Counts, List<ExpectedObject> Objects);

public sealed record ExpectedObject(int Order, double[][] Points, bool Stable, double SpectralRadius);
