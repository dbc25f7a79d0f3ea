using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Scyfi.Core;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// <c>scyfi sweep SPEC --out DIR</c>: a bifurcation map over one or two parameters. Runs an
/// embedded one-process cluster (coordinator and worker roles, SQLite at ./.scyfi/scyfi.db) —
/// the code path of a real cluster — or, with <c>--cluster SEED</c>, submits to a running one.
/// </summary>
internal static class SweepCommand
{
    public static Command Build(CliContext ctx)
    {
        var spec = new Argument<string>("SPEC") { Description = "Sweep specification (JSON)" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for points.csv, bifurcations.json, summary.json, map.png/.svg" };
        var threads = new Option<int>("--threads") { Description = "Tiles computed at once on this machine (embedded) or per worker node (cluster)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var refine = new Option<string>("--refine") { Description = "Locating bifurcations: edges (bisection on grid edges), adaptive (subdivide cells whose corners differ), none", DefaultValueFactory = _ => "edges" };
        refine.AcceptOnlyFromAmong("edges", "adaptive", "none");
        var depth = new Option<int>("--adaptive-depth") { Description = "Levels of subdivision for --refine adaptive (2^depth finer)", DefaultValueFactory = _ => 4 };
        var id = new Option<string?>("--id") { Description = "Sweep id (default: derived from the spec, so the same sweep is never computed twice)" };
        var node = new NodeOptions();
        var dashboard = new DashboardOptions();

        var cmd = new Command("sweep", "Map fixed points, cycles and their bifurcations over a grid of parameters.")
        {
            spec, output, threads, refine, depth, id,
        };
        node.AddTo(cmd);
        dashboard.AddTo(cmd);
        cmd.SetAction((parse, ct) => RunAsync(ctx, parse, node, dashboard, parse.GetValue(spec)!, parse.GetValue(output), parse.GetValue(threads),
            parse.GetValue(refine)!, parse.GetValue(depth), parse.GetValue(id), ct));
        return cmd;
    }

    private static async Task<int> RunAsync(CliContext ctx, ParseResult parse, NodeOptions nodeOptions, DashboardOptions dashboardOptions, string specPath, string? outDir, int threads,
        string refine, int depth, string? id, CancellationToken ct)
    {
        // Every user mistake is found before anything is started or written.
        if (string.IsNullOrWhiteSpace(outDir)) throw new ScyfiInputException("missing --out DIR (where the results go)");
        if (threads is < 1 or > 1024) throw new ScyfiInputException($"--threads must be between 1 and 1024 (got {threads})");
        if (depth is < 0 or > 12) throw new ScyfiInputException($"--adaptive-depth must be between 0 and 12 (got {depth})");
        if (File.Exists(outDir)) throw new ScyfiInputException($"--out '{outDir}' is a file, not a directory");
        if (id is not null && !SweepIds.IsValid(id)) throw new ScyfiInputException($"--id '{id}' may only contain letters, digits, '-' and '_' (at most 64)");
        var spec = SweepSpec.Load(specPath);
        var seeds = nodeOptions.ResolveSeeds(parse);
        var dashboard = dashboardOptions.Resolve(parse, nodeOptions.ConfigDashboard(parse));
        var store = new SweepStore(nodeOptions.ResolveStore(parse));
        bool embedded = seeds.Length == 0;
        string[] roles = embedded ? [ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole] : ["client"];
        var settings = nodeOptions.Settings(parse, store.Location, roles, seeds) with { ComputeSlots = threads };
        store.EnsureReady();
        string sweepId = id ?? SweepIds.Derive(spec, refine, depth);
        var log = ctx.Logger("sweep");
        log.LogInformation("sweep {Id}: {Points} points, store {Store}, {Mode}", sweepId, new SweepGrid(spec).PointCount, store.Location.Display, embedded ? "embedded cluster" : "cluster " + string.Join(",", seeds));

        return await SweepRun.RunAsync(ctx, settings, store, sweepId, outDir,
            new SubmitSweep(sweepId, spec.ToJson(), refine, depth, InFlightPerNode(threads)), ct, dashboard).ConfigureAwait(false);
    }

    /// <summary>
    /// The most tiles kept in flight per worker node (the coordinator keeps fewer where tiles are
    /// long: enough for half a second at their pace, TileDispatch.BoundOn), and the number until
    /// a node's pace is known: eight times the tiles it computes at once, so several
    /// tiles are always assigned, journalled and waiting for a slot when one finishes, and the
    /// per-tile round trips (shard and entity start, journal, store, warm start; p90 ≈ 0.3 s on
    /// SQLite) overlap with computation. Waiting tiles are not counted as computed, so a crash
    /// costs only the tiles that were computing. Measured on 321², tiles of 16: 4× left the slot
    /// idle 10 % of the grid phase, 8× keeps it busy (grid 36.8 s → 33.8 s).
    /// </summary>
    internal static int InFlightPerNode(int computeSlots) => 8 * computeSlots;

    internal static void WriteSummary(TextWriter w, SweepResult result, string outDir)
    {
        var s = result.Stats;
        var g = result.Grid;
        string size = g.TwoD ? $"{g.Nx}×{g.Ny}" : $"{g.Nx}";
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size} grid, {s.GridPoints:N0} points in {s.GridSeconds:F1} s ({s.GridPoints / Math.Max(1e-9, s.GridSeconds):N0} points/s){(s.RefinedPoints > 0 ? $", {s.RefinedPoints:N0} refinement points" : "")}"));
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

/// <summary>Sweep ids: chosen by the user or derived from what the sweep computes.</summary>
internal static class SweepIds
{
    public static bool IsValid(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>"s" + 10 hex digits of the SHA-256 of the self-contained spec and the refinement settings.</summary>
    public static string Derive(SweepSpec spec, string refine, int depth)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{spec.ToJson()}|{refine}|{depth}"));
        return "s" + Convert.ToHexStringLower(bytes)[..10];
    }
}
