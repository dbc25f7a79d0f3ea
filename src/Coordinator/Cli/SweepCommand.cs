using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Scyfi.Coordinator.Exports;
using Scyfi.Core;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Cli;

/// <summary><c>scyfi sweep SPEC --out DIR</c>: a bifurcation map over one or two parameters.</summary>
internal static class SweepCommand
{
    public static Command Build(CliContext ctx)
    {
        var spec = new Argument<string>("SPEC") { Description = "Sweep specification (JSON)" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for points.csv, bifurcations.json, summary.json, map.png/.svg" };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var refine = new Option<string>("--refine") { Description = "Locating bifurcations: edges (bisection on grid edges), adaptive (subdivide cells whose corners differ), none", DefaultValueFactory = _ => "edges" };
        refine.AcceptOnlyFromAmong("edges", "adaptive", "none");
        var depth = new Option<int>("--adaptive-depth") { Description = "Levels of subdivision for --refine adaptive (2^depth finer)", DefaultValueFactory = _ => 4 };

        var cmd = new Command("sweep", "Map fixed points, cycles and their bifurcations over a grid of parameters.")
        {
            spec, output, threads, refine, depth,
        };
        cmd.SetAction((parse, ct) => Task.FromResult(Run(ctx, parse.GetValue(spec)!, parse.GetValue(output), parse.GetValue(threads),
            parse.GetValue(refine)!, parse.GetValue(depth), ct)));
        return cmd;
    }

    private static int Run(CliContext ctx, string specPath, string? outDir, int threads, string refine, int depth, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(outDir)) throw new ScyfiInputException("missing --out DIR (where the results go)");
        if (threads is < 1 or > 1024) throw new ScyfiInputException($"--threads must be between 1 and 1024 (got {threads})");
        if (depth is < 0 or > 12) throw new ScyfiInputException($"--adaptive-depth must be between 0 and 12 (got {depth})");
        if (File.Exists(outDir)) throw new ScyfiInputException($"--out '{outDir}' is a file, not a directory");
        var spec = SweepSpec.Load(specPath);
        var mode = Enum.Parse<RefineMode>(refine, ignoreCase: true);
        var grid = new SweepGrid(spec);
        var log = ctx.Logger("sweep");
        log.LogInformation("sweep of a {Type}: {Points} points in {Tiles} tiles, orders {Orders}", spec.Model.Type, grid.PointCount, grid.TileCount, string.Join(",", spec.Orders));

        var result = ProgressDisplay.Run(ctx, "Sweep", progress =>
            new SweepEngine(spec, threads, mode, depth).Run(new SyncProgress<SweepProgress>(p =>
                progress.Report(new WorkProgress(p.Phase, p.Done, p.Total, p.Phase == "grid" || p.Phase.StartsWith("refinement", StringComparison.Ordinal) ? "points" : "edges"))), ct));
        SweepExport.Write(result, outDir);
        WriteSummary(ctx.Out, result, outDir);
        return ExitCodes.Ok;
    }

    internal static void WriteSummary(TextWriter w, SweepResult result, string outDir)
    {
        var s = result.Stats;
        var g = result.Grid;
        string size = g.TwoD ? $"{g.Nx}×{g.Ny}" : $"{g.Nx}";
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size} grid, {s.GridPoints:N0} points in {s.GridSeconds:F1} s ({s.GridPoints / Math.Max(1e-9, s.GridSeconds):N0} points/s on {s.Threads} threads){(s.RefinedPoints > 0 ? $", {s.RefinedPoints:N0} refinement points" : "")}"));
        var regimes = result.Points.Values.GroupBy(Regime.Of).OrderByDescending(x => x.Count()).ToList();
        w.WriteLine($"{regimes.Count} regime{(regimes.Count == 1 ? "" : "s")}:");
        foreach (var r in regimes) w.WriteLine($"  {r.Count(),8:N0}  {r.Key}");
        var types = result.Bifurcations.GroupBy(b => b.Type).OrderBy(x => Array.IndexOf(BifurcationTypes.All, x.Key)).ToList();
        w.WriteLine($"{result.Bifurcations.Count} bifurcation{(result.Bifurcations.Count == 1 ? "" : "s")}{(types.Count > 0 ? ": " + string.Join(", ", types.Select(t => $"{t.Count()} {t.Key}")) : "")}");
        int degenerate = result.Points.Values.Count(p => p.Degenerate > 0);
        if (degenerate > 0) w.WriteLine($"{degenerate} degenerate point{(degenerate == 1 ? "" : "s")} (singular systems or objects on a border), marked in points.csv");
        w.WriteLine($"wrote {Path.Combine(outDir, "points.csv")}, bifurcations.json, summary.json, map.png, map.svg");
    }
}
