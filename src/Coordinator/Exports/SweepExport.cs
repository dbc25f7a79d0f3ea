using System.Text.Json;
using System.Text.Json.Nodes;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// Writes the files of a finished sweep into a directory: points.csv, bifurcations.json,
/// summary.json, map.png and map.svg. Each file is written to a temporary name and renamed, so a
/// crash never leaves a half-written export behind.
/// </summary>
public static class SweepExport
{
    /// <summary>Writes every export of <paramref name="result"/>; <paramref name="cluster"/> adds the cluster's counters to the summary.</summary>
    public static void Write(SweepResult result, string directory, IReadOnlyDictionary<string, double>? cluster = null)
    {
        Directory.CreateDirectory(directory);
        Atomic(Path.Combine(directory, "points.csv"), path =>
        {
            using var w = new StreamWriter(path);
            PointsCsv.Write(w, result.Grid, result.Points.Values);
        });
        Atomic(Path.Combine(directory, "bifurcations.json"), path =>
            File.WriteAllText(path, JsonSerializer.Serialize(result.Bifurcations, ExportJson.Options)));
        Atomic(Path.Combine(directory, "summary.json"), path =>
            File.WriteAllText(path, Summary(result, cluster).ToJsonString(ExportJson.Options)));
        MapPlot.Write(result, directory);
    }

    /// <summary>The summary document: spec, regimes, bifurcations by type, timings.</summary>
    public static JsonObject Summary(SweepResult result, IReadOnlyDictionary<string, double>? cluster = null)
    {
        var s = result.Stats;
        var regimes = result.Points.Values.GroupBy(Regime.Of).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()));
        var types = BifurcationTypes.All.Select(t => KeyValuePair.Create(t, (JsonNode?)result.Bifurcations.Count(b => b.Type == t)));
        var timings = new JsonObject
        {
            ["gridSeconds"] = Math.Round(s.GridSeconds, 3),
            ["continuationSeconds"] = Math.Round(s.ContinuationSeconds, 3),
            ["detectionSeconds"] = Math.Round(s.DetectionSeconds, 3),
            ["totalSeconds"] = Math.Round(s.TotalSeconds, 3),
            ["pointsPerSecond"] = Math.Round(s.GridPoints / Math.Max(1e-9, s.GridSeconds), 1),
        };
        return new JsonObject
        {
            ["spec"] = JsonNode.Parse(result.Grid.Spec.ToJson()),
            ["gridPoints"] = s.GridPoints,
            ["refinedPoints"] = s.RefinedPoints,
            ["evaluations"] = s.Evaluations,
            ["candidates"] = s.Candidates,
            ["continuationAdded"] = s.ContinuationAdded,
            ["degeneratePoints"] = result.Points.Values.Count(p => p.Degenerate > 0),
            ["refine"] = s.Refine.ToString().ToLowerInvariant(),
            ["adaptiveDepth"] = s.Refine == RefineMode.Adaptive ? s.AdaptiveDepth : null,
            ["threads"] = s.Threads,
            ["regimes"] = new JsonObject(regimes),
            ["bifurcations"] = new JsonObject(types),
            ["timings"] = timings,
            ["cluster"] = cluster is null ? null : new JsonObject(cluster.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Math.Round(kv.Value, 3)))),
        };
    }

    private static void Atomic(string path, Action<string> write)
    {
        string tmp = path + ".tmp";
        write(tmp);
        File.Move(tmp, path, overwrite: true);
    }
}
