using System.Text.Json.Nodes;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>Smaller versions of the example sweeps in examples/, run in-process.</summary>
internal static class ExampleSweeps
{
    /// <summary>The one-switch 2-D example on a coarser grid (the full one is 141 × 141).</summary>
    public static SweepResult OneSwitch(string directory, int points) => Run(directory, "oneswitch-sweep.json", points);

    /// <summary>The skew tent 1-D example with fewer points (the full one has 81).</summary>
    public static SweepResult Tent(string directory, int points) => Run(directory, "tent-sweep.json", points);

    /// <summary>The repository's examples/ folder, found above the test assembly.</summary>
    public static string ExamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "examples");
            if (File.Exists(Path.Combine(candidate, "oneswitch-sweep.json"))) return candidate;
        }
        throw new InvalidOperationException("examples/ not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Copies an example spec with every axis set to <paramref name="points"/> points and the model path made absolute, and runs it.</summary>
    private static SweepResult Run(string directory, string example, int points)
    {
        string examples = ExamplesFolder();
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(examples, example)))!.AsObject();
        spec["model"] = Path.Combine(examples, spec["model"]!.GetValue<string>());
        foreach (var axis in spec["axes"]!.AsArray()) axis!["points"] = points;
        string path = Path.Combine(directory, example);
        File.WriteAllText(path, spec.ToJsonString());
        return new SweepEngine(SweepSpec.Load(path), threads: 2).Run();
    }
}
