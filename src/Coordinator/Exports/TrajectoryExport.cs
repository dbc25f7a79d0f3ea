using System.Text.Json;
using System.Text.Json.Nodes;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;
using Scyfi.Core.Training;
using ScottPlot;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// Writes the files of <c>scyfi trajectory</c>: <c>trajectory.json</c> (objects per checkpoint,
/// bifurcations with their epochs, loss jumps, coincidences, the rules), <c>loss.png</c>/<c>.svg</c>
/// (when the run has a log) and <c>diagram.png</c>/<c>.svg</c>. JSON is written to a temporary
/// name and renamed, so a crash never leaves half a file.
/// </summary>
public static class TrajectoryExport
{
    /// <summary>Width of the written images in pixels.</summary>
    public const int Width = 1280;

    /// <summary>Height of the written images in pixels.</summary>
    public const int Height = 720;

    /// <summary>What the coincidence window is, in words (also in trajectory.json).</summary>
    public const string CoincidenceRule =
        "a bifurcation coincides with a jump when its epoch lies in [from − s, to + s], s the checkpoint spacing at from (resp. to)";

    /// <summary>Writes every file into <paramref name="directory"/> (created if missing); returns the names written.</summary>
    public static IReadOnlyList<string> Write(TrainingTrajectory t, string directory, JsonObject stats, string runName)
    {
        ArgumentNullException.ThrowIfNull(t);
        Directory.CreateDirectory(directory);
        var pc = TrajectoryDiagram.Component(t);
        var written = new List<string> { "trajectory.json" };
        string json = Json(t, pc, stats).ToJsonString(ExportJson.Options);
        string path = Path.Combine(directory, "trajectory.json");
        File.WriteAllText(path + ".tmp", json);
        File.Move(path + ".tmp", path, overwrite: true);

        string model = $"{PlotCaptions.ModelName(t.Path.Models[0].Type)} (M = {t.Path.Models[0].Dimension})";
        if (t.Log is not null)
        {
            using var loss = LossPlot.Build(t, $"{runName}: loss along training, {model}");
            Save(loss, directory, "loss");
            written.AddRange(["loss.png", "loss.svg"]);
        }
        using var diagram = TrajectoryDiagram.Build(t, pc, $"{runName}: objects along training, {model}, {PlotCaptions.Orders(t.Sweep.Grid.Spec.Orders)}");
        Save(diagram, directory, "diagram");
        written.AddRange(["diagram.png", "diagram.svg"]);
        return written;
    }

    private static void Save(Plot plot, string directory, string name)
    {
        plot.SavePng(Path.Combine(directory, name + ".png"), Width, Height);
        // Skia's SVG canvas has no dash effects: it would draw the lines solid anyway and print
        // "Unsupported path effect" on stdout for each, so the SVG gets solid lines on purpose.
        foreach (var line in plot.GetPlottables<ScottPlot.Plottables.VerticalLine>()) line.LinePattern = LinePattern.Solid;
        plot.SaveSvg(Path.Combine(directory, name + ".svg"), Width, Height);
    }

    /// <summary>The trajectory.json document.</summary>
    public static JsonObject Json(TrainingTrajectory t, JsonObject stats) => Json(t, TrajectoryDiagram.Component(t), stats);

    private static JsonObject Json(TrainingTrajectory t, PrincipalComponent pc, JsonObject stats)
    {
        var model = t.Path.Models[0];
        int m = model.Dimension, words = model.RegionWords;
        JsonNode Numbers(IEnumerable<double> v) => new JsonArray(v.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
        JsonObject Object(PointObject o) => new()
        {
            ["order"] = o.Order,
            ["stability"] = o.Stability.Label(),
            ["spectralRadius"] = o.SpectralRadius,
            ["itinerary"] = new JsonArray(Enumerable.Range(0, o.Order).Select(j => (JsonNode?)model.PatternString(o.Itinerary.AsSpan(j * words, words))).ToArray()),
            ["points"] = new JsonArray(Enumerable.Range(0, o.Order).Select(j => Numbers(o.Point(j, m).ToArray())).ToArray()),
        };
        JsonObject Bifurcation(TrajectoryBifurcation b, bool brief) => brief
            ? new JsonObject { ["epoch"] = b.Epoch, ["type"] = b.Event.Type, ["order"] = b.Event.Order }
            : new JsonObject
            {
                ["epoch"] = b.Epoch,
                ["checkpoint"] = b.Position,
                ["between"] = Numbers([b.EpochBefore, b.EpochAfter]),
                ["type"] = b.Event.Type,
                ["order"] = b.Event.Order,
                ["detail"] = JsonSerializer.SerializeToNode(b.Event.Detail, ExportJson.Options),
            };
        JsonObject Jump(LossJump j) => new()
        {
            ["epoch"] = j.Epoch,
            ["from"] = j.From,
            ["to"] = j.To,
            ["size"] = j.Size,
            ["kind"] = j.Kind,
        };
        var rule = t.Rule;
        return new JsonObject
        {
            ["model"] = new JsonObject { ["type"] = model.Type, ["dimension"] = m, ["switchingUnits"] = model.SwitchingUnits },
            ["orders"] = new JsonArray(t.Sweep.Grid.Spec.Orders.Select(k => (JsonNode?)k).ToArray()),
            ["checkpoints"] = new JsonArray(t.Checkpoints.Select(c => (JsonNode?)new JsonObject
            {
                ["epoch"] = c.Epoch,
                ["regime"] = Regime.Of(c.Point),
                ["degenerate"] = c.Point.Degenerate,
                ["objects"] = new JsonArray(c.Point.Objects.Select(o => (JsonNode?)Object(o)).ToArray()),
            }).ToArray()),
            ["bifurcations"] = new JsonArray(t.Bifurcations.Select(b => (JsonNode?)Bifurcation(b, brief: false)).ToArray()),
            ["jumps"] = new JsonArray(t.Jumps.Select(j => (JsonNode?)Jump(j)).ToArray()),
            ["coincidences"] = new JsonArray(t.Coincidences.Select(c => (JsonNode?)new JsonObject
            {
                ["jumpEpoch"] = c.Jump.Epoch,
                ["from"] = c.Jump.From,
                ["to"] = c.Jump.To,
                ["window"] = Numbers([c.WindowFrom, c.WindowTo]),
                ["bifurcations"] = new JsonArray(c.Bifurcations.Select(b => (JsonNode?)Bifurcation(b, brief: true)).ToArray()),
            }).ToArray()),
            ["rule"] = new JsonObject
            {
                ["jumps"] = "steps of log10(loss) between consecutive logged epochs; a step is outlying when |step − m| > max(threshold·s, minStep), "
                    + "m and s = 1.4826·MAD the median and robust spread of the `window` steps before it (filled with the steps after it near the start); "
                    + "outlying steps of one sign with at most one ordinary step between them form a jump of total size ≥ minSize decades; "
                    + "falling steps of the initial monotone descent are skipped; each run of non-finite losses is a 'diverged' jump",
                ["window"] = rule.Window,
                ["threshold"] = rule.Threshold,
                ["minStep"] = rule.MinStep,
                ["minSize"] = rule.MinSize,
                ["coincidence"] = CoincidenceRule,
                ["hasLog"] = t.Log is not null,
            },
            ["diagram"] = new JsonObject
            {
                ["pc1"] = Numbers(pc.Direction),
                ["mean"] = Numbers(pc.Mean),
                ["explainedVariance"] = pc.ExplainedVariance,
            },
            ["stats"] = stats,
        };
    }
}
