using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Exports;
using Scyfi.Coordinator.Store;
using Scyfi.Core;
using Scyfi.Core.Import;
using Scyfi.Core.Sweeps;
using Scyfi.Core.Training;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// <c>scyfi trajectory DIR --max-order K</c>: a training run seen through its checkpoints. The
/// checkpoints form a <see cref="ParameterPath"/>, swept like any 1-D sweep (in this process, or on
/// a running cluster with <c>--cluster SEED</c>): objects at every checkpoint, tracked by itinerary,
/// bifurcations located on the straight segments between checkpoints and dated by epoch. Loss jumps
/// come from DIR/log.csv (<see cref="LossJumpRule"/>), and each jump is reported with the
/// bifurcations within one checkpoint spacing of it.
/// </summary>
internal static class TrajectoryCommand
{
    /// <summary>Most bifurcations listed one per line on stdout (all of them are in trajectory.json).</summary>
    private const int ListedBifurcations = 15;

    public static Command Build(CliContext ctx)
    {
        var dir = new Argument<string>("DIR") { Description = "Run directory: log.csv and checkpoints/epoch_<n>.json (scyfi train), or a folder of checkpoints named by epoch (model_<n>.bson, .pt, .npz)" };
        var maxOrder = new Option<int?>("--max-order", "-k") { Description = "Search orders 1..K at every checkpoint" };
        var orders = new Option<string?>("--orders") { Description = "Explicit orders, e.g. 1,2,16 or 1-8,16" };
        var outer = new Option<int?>("--outer") { Description = "Outer loop size for every order (default: published per-order values)" };
        var inner = new Option<int?>("--inner") { Description = "Inner loop size for every order (default: published per-order values)" };
        var threads = new Option<int>("--threads") { Description = "Checkpoint tiles analysed at once (in-process) or per worker node (cluster)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for trajectory.json, loss.png/.svg, diagram.png/.svg (default: DIR)" };
        var reluCount = new Option<int?>("--relu-count") { Description = "ALRNN checkpoints that do not store it: P, the number of trailing ReLU units" };
        var w1 = new Option<string?>("--w1") { Description = "shPLRNN checkpoints with M = L: which stored matrix (W1 or W2) is the model's W1" };
        var node = new NodeOptions();

        var cmd = new Command("trajectory", "Fixed points, cycles and bifurcations along a training run, and which loss jumps coincide with which bifurcations.")
        {
            dir, maxOrder, orders, outer, inner, threads, output, reluCount, w1,
        };
        node.AddTo(cmd);
        cmd.SetAction((parse, ct) => RunAsync(ctx, parse, node, parse.GetValue(dir)!, FindCommand.ResolveOrders(parse.GetValue(maxOrder), parse.GetValue(orders)),
            parse.GetValue(outer), parse.GetValue(inner), parse.GetValue(threads), parse.GetValue(output),
            new ImportOptions { ReluCount = parse.GetValue(reluCount), W1 = parse.GetValue(w1) }, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, ParseResult parse, NodeOptions nodeOptions, string dir, IReadOnlyList<int> orders,
        int? outer, int? inner, int threads, string? outDir, ImportOptions import, CancellationToken ct)
    {
        // Every mistake is found before anything is computed or written.
        if (threads is < 1 or > 1024) throw new ScyfiInputException($"--threads must be between 1 and 1024 (got {threads})");
        if (outer is < 0) throw new ScyfiInputException($"--outer must be at least 0 (got {outer})");
        if (inner is < 1) throw new ScyfiInputException($"--inner must be at least 1 (got {inner})");
        outDir ??= dir;
        if (File.Exists(outDir)) throw new ScyfiInputException($"--out '{outDir}' is a file, not a directory");
        var seeds = nodeOptions.ResolveSeeds(parse);
        if (seeds.Length == 0 && parse.GetValue(nodeOptions.Store) is not null)
            throw new ScyfiInputException("--store applies with --cluster SEED (the store of the cluster the run is sent to)");
        var input = TrajectoryInput.Load(dir, import);
        var spec = SweepSpec.ForPath(input.Path, orders, input.Path.SuggestedTile, outer, inner);
        var log = ctx.Logger("trajectory");
        log.LogInformation("{Count} checkpoints (epochs {First}–{Last}) of a {Type}, orders {Orders}, {Mode}", input.Path.Count, input.Path.Epochs[0], input.Path.Epochs[^1],
            input.Path.Models[0].Type, string.Join(",", spec.Orders), seeds.Length == 0 ? "in-process" : "cluster " + string.Join(",", seeds));

        if (seeds.Length == 0)
        {
            var clock = Stopwatch.StartNew();
            var result = ProgressDisplay.Run(ctx, "Trajectory", progress => new SweepEngine(spec, threads).Run(
                new SyncProgress<SweepProgress>(p => progress.Report(new WorkProgress(p.Phase, p.Done, p.Total, p.Phase == "grid" ? "checkpoints" : "steps"))), ct));
            return Finish(ctx, input, result, outDir, Stats(result, clock.Elapsed.TotalSeconds, "in-process", threads, null));
        }

        var store = new SweepStore(nodeOptions.ResolveStore(parse));
        store.EnsureReady();
        var settings = nodeOptions.Settings(parse, store.Location, ["client"], seeds);
        string sweepId = SweepIds.Derive(spec, "edges", 4);
        var started = Stopwatch.StartNew();
        return await SweepRun.RunAsync(ctx, settings, store, sweepId, new SubmitSweep(sweepId, spec.ToJson(), "edges", 4, SweepCommand.InFlightPerNode(threads)),
            $"the same scyfi trajectory command (sweep {sweepId} continues where it stopped)", final =>
            {
                var result = StoreExport.Load(store, sweepId);
                return Finish(ctx, input, result, outDir, Stats(result, started.Elapsed.TotalSeconds, "cluster", threads, sweepId));
            }, ct).ConfigureAwait(false);
    }

    private static JsonObject Stats(SweepResult result, double seconds, string mode, int threads, string? sweepId) => new()
    {
        ["mode"] = mode,
        ["sweepId"] = sweepId,
        ["threads"] = threads,
        ["checkpoints"] = result.Grid.PointCount,
        ["refinedPoints"] = result.Stats.RefinedPoints,
        ["candidates"] = result.Stats.Candidates,
        ["continuationAdded"] = result.Stats.ContinuationAdded,
        ["gridSeconds"] = Math.Round(result.Stats.GridSeconds, 3),
        ["continuationSeconds"] = Math.Round(result.Stats.ContinuationSeconds, 3),
        ["detectionSeconds"] = Math.Round(result.Stats.DetectionSeconds, 3),
        ["seconds"] = Math.Round(seconds, 3),
        ["checkpointsPerSecond"] = Math.Round(result.Grid.PointCount / Math.Max(1e-9, seconds), 3),
    };

    private static int Finish(CliContext ctx, TrajectoryInput input, SweepResult result, string outDir, JsonObject stats)
    {
        var t = TrainingTrajectory.From(result, input.Log);
        string runName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(input.Directory)));
        var files = TrajectoryExport.Write(t, outDir, stats, runName);
        WriteSummary(ctx.Out, t, stats);
        ctx.Out.WriteLine($"wrote {string.Join(", ", files.Select((f, i) => i == 0 ? Path.Combine(outDir, f) : f))}");
        if (input.Log is null) ctx.Out.WriteLine($"no {TrainingLog.FileName} in {input.Directory}: no loss jumps, no loss plot");
        return ExitCodes.Ok;
    }

    internal static void WriteSummary(TextWriter w, TrainingTrajectory t, JsonObject stats)
    {
        var path = t.Path;
        var spec = t.Sweep.Grid.Spec;
        var model = path.Models[0];
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path.Count} checkpoints, epochs {E(path.Epochs[0])}–{E(path.Epochs[^1])}, {PlotCaptions.ModelName(model.Type)} M = {model.Dimension}, {PlotCaptions.Orders(spec.Orders)}: "
            + $"{(double)stats["seconds"]!:F1} s ({(double)stats["checkpointsPerSecond"]!:F2} checkpoints/s, {stats["mode"]})"));

        // The regimes along the run, consecutive equal ones merged.
        w.WriteLine("regimes:");
        int start = 0;
        for (int i = 1; i <= t.Checkpoints.Count; i++)
        {
            if (i < t.Checkpoints.Count && Regime.Of(t.Checkpoints[i].Point) == Regime.Of(t.Checkpoints[start].Point)) continue;
            string span = i - 1 == start ? $"epoch {E(t.Checkpoints[start].Epoch)}" : $"epochs {E(t.Checkpoints[start].Epoch)}–{E(t.Checkpoints[i - 1].Epoch)}";
            w.WriteLine($"  {span,-18} {Regime.Of(t.Checkpoints[start].Point)}");
            start = i;
        }

        var types = t.Bifurcations.GroupBy(b => b.Event.Type).OrderBy(g => Array.IndexOf(BifurcationTypes.All, g.Key)).ToList();
        w.WriteLine($"{t.Bifurcations.Count} bifurcation{(t.Bifurcations.Count == 1 ? "" : "s")}{(types.Count > 0 ? ": " + string.Join(", ", types.Select(g => $"{g.Count()} {g.Key}")) : "")}");
        foreach (var b in t.Bifurcations.Take(ListedBifurcations)) w.WriteLine($"  epoch {E(b.Epoch),-9} {Describe(b)}");
        if (t.Bifurcations.Count > ListedBifurcations) w.WriteLine($"  … {t.Bifurcations.Count - ListedBifurcations} more in trajectory.json");

        if (t.Log is null) return;
        w.WriteLine($"{t.Jumps.Count} loss jump{(t.Jumps.Count == 1 ? "" : "s")}{(t.Jumps.Count > 0 ? ":" : "")}");
        foreach (var c in t.Coincidences)
        {
            var j = c.Jump;
            string what = j.Size is { } s ? string.Create(CultureInfo.InvariantCulture, $"{j.Kind} by {Math.Abs(s):F2} decades") : "loss not finite";
            string near = c.Bifurcations.Count == 0
                ? $"no bifurcation within epochs {E(c.WindowFrom)}–{E(c.WindowTo)}"
                : "coincides with " + string.Join(", ", c.Bifurcations.Select(b => $"{b.Event.Type} (order {b.Event.Order}) at {E(b.Epoch)}"));
            w.WriteLine($"  epochs {j.From}–{j.To} (steepest at {j.Epoch}): {what}; {near}");
        }
    }

    private static string Describe(TrajectoryBifurcation b)
    {
        var d = b.Event.Detail;
        string change = d.Change switch
        {
            "stability" => $"{d.StabilityBefore ?? "?"} → {d.StabilityAfter ?? "?"}",
            "persists" => $"continues, {d.StabilityBefore} → {d.StabilityAfter}",
            _ => d.Change,
        };
        return $"{b.Event.Type}, {PlotCaptions.OrderName(b.Event.Order)}{(d.Itineraries.Length > 1 && b.Event.Type == BifurcationTypes.BorderCollisionFold ? " pair" : "")}: {change}{(d.Unit is null ? "" : $" at the border of {d.Unit}")}";
    }

    private static string E(double epoch) => Math.Round(epoch, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
