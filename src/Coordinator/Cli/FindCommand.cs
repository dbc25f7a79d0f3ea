using System.CommandLine;
using Microsoft.Extensions.Logging;
using Scyfi.Core;
using Scyfi.Core.Cycles;
using Scyfi.Core.Import;
using Scyfi.Core.Models;
using Scyfi.Core.Reports;

namespace Scyfi.Coordinator.Cli;

/// <summary><c>scyfi find MODEL --max-order K …</c>: all fixed points and cycles of one model.</summary>
internal static class FindCommand
{
    public static Command Build(CliContext ctx)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file (JSON: plrnn, shplrnn, clipped-shplrnn, alrnn) or checkpoint (.pt/.pth, .bson, .npz)" };
        var maxOrder = new Option<int?>("--max-order", "-k") { Description = "Search orders 1..K" };
        var orders = new Option<string?>("--orders") { Description = "Explicit orders, e.g. 1,2,7 or 1-5,16" };
        var outer = new Option<int?>("--outer") { Description = "Outer loop size for every order (default: published per-order values)" };
        var inner = new Option<int?>("--inner") { Description = "Inner loop size for every order (default: published per-order values)" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "Ground truth: solve every region sequence (refuses when too many)" };
        var limit = new Option<double>("--exhaustive-limit") { Description = "Most sequences per order for --exhaustive", DefaultValueFactory = _ => 2e7 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document to stdout" };
        var reluCount = new Option<int?>("--relu-count") { Description = "ALRNN checkpoints that do not store it: P, the number of trailing ReLU units" };
        var w1 = new Option<string?>("--w1") { Description = "shPLRNN checkpoints with M = L: which stored matrix (W1 or W2) is the model's W1, applied after the ReLU" };

        var cmd = new Command("find", "Find all fixed points and k-cycles of a model, with their stability.")
        {
            model, maxOrder, orders, outer, inner, seed, threads, exhaustive, limit, json, reluCount, w1,
        };
        cmd.SetAction((parse, ct) =>
        {
            var options = new FinderOptions
            {
                Orders = ResolveOrders(parse.GetValue(maxOrder), parse.GetValue(orders)),
                Outer = parse.GetValue(outer),
                Inner = parse.GetValue(inner),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                ExhaustiveLimit = parse.GetValue(limit),
            };
            var m = ModelLoader.Load(parse.GetValue(model)!, new ImportOptions { ReluCount = parse.GetValue(reluCount), W1 = parse.GetValue(w1) });
            return Task.FromResult(Run(ctx, m, options, parse.GetValue(exhaustive), parse.GetValue(json), ct));
        });
        return cmd;
    }

    internal static IReadOnlyList<int> ResolveOrders(int? maxOrder, string? orders)
    {
        if (maxOrder is not null && orders is not null) throw new ScyfiInputException("give either --max-order or --orders, not both");
        if (orders is not null) return OptionParsing.Orders(orders);
        if (maxOrder is null) throw new ScyfiInputException("missing --max-order K (or --orders 1,2,7)");
        if (maxOrder < 1) throw new ScyfiInputException($"--max-order must be at least 1 (got {maxOrder})");
        if (maxOrder > 10_000) throw new ScyfiInputException($"--max-order {maxOrder} is absurdly large (at most 10000)");
        return FinderOptions.UpTo(maxOrder.Value);
    }

    private static int Run(CliContext ctx, ReluModel model, FinderOptions options, bool exhaustive, bool json, CancellationToken ct)
    {
        if (options.ExhaustiveLimit is not (> 0) || !double.IsFinite(options.ExhaustiveLimit))
            throw new ScyfiInputException("--exhaustive-limit must be a positive number");
        var log = ctx.Logger("find");
        log.LogInformation("{Mode} search of a {Type} (M = {M}, S = {S}) for orders {Orders}", exhaustive ? "exhaustive" : "heuristic",
            model.Type, model.Dimension, model.SwitchingUnits, string.Join(",", options.Orders));
        FindResult result = ProgressDisplay.Run(ctx, exhaustive ? "Exhaustive search" : "SCYFI search", progress =>
        {
            var findProgress = new SyncProgress<FindProgress>(p => progress.Report(
                new WorkProgress("orders", p.OrdersDone, p.OrdersTotal, "orders", $"{p.Candidates:N0} candidates, {p.Objects} objects")));
            return exhaustive
                ? ExhaustiveFinder.Find(model, options, findProgress, ct)
                : ScyfiFinder.Find(model, options, findProgress, ct);
        });
        log.LogInformation("{Count} objects from {Candidates} candidates in {Seconds:F3} s", result.Cycles.Count, result.Stats.Candidates, result.Stats.Seconds);

        if (json) ctx.Out.WriteLine(FindReport.ToJson(model, result));
        else FindTable.Write(ctx.Out, model, result);
        return ExitCodes.Ok;
    }
}
