using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Scyfi.Core;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;
using Spectre.Console;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Commands around sweeps and the cluster: <c>resume</c>, <c>cancel</c>, <c>status</c>,
/// <c>export</c>, and the long-running members <c>coordinator</c> and <c>node</c>.
/// </summary>
internal static class ClusterCommands
{
    public static IEnumerable<Command> Build(CliContext ctx)
    {
        yield return Resume(ctx);
        yield return Cancel(ctx);
        yield return Status(ctx);
        yield return Export(ctx);
        yield return Member(ctx, "coordinator", "Run a coordinator member (hosts the sweep coordinator singleton).", [ScyfiNodeSettings.CoordinatorRole]);
        yield return Member(ctx, "node", "Run a worker member (hosts tile workers).", [ScyfiNodeSettings.WorkerRole]);
    }

    private static Command Resume(CliContext ctx)
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep id" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for the results (default ./SWEEP)" };
        var threads = new Option<int>("--threads") { Description = "Tiles computed at once (embedded)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var node = new NodeOptions();
        var dashboard = new DashboardOptions();
        var cmd = new Command("resume", "Continue an interrupted, cancelled or failed sweep and export its results.") { sweep, output, threads };
        node.AddTo(cmd);
        dashboard.AddTo(cmd);
        cmd.SetAction((p, ct) =>
        {
            string id = p.GetValue(sweep)!;
            var (store, settings) = Prepare(p, node, id, client: p.GetValue(node.Seed) is { Length: > 0 });
            int slots = p.GetValue(threads);
            if (slots is < 1 or > 1024) throw new ScyfiInputException($"--threads must be between 1 and 1024 (got {slots})");
            return SweepRun.RunAsync(ctx, settings with { ComputeSlots = slots }, store, id, p.GetValue(output) ?? id, new ResumeSweep(id), ct,
                dashboard.Resolve(p, node.ConfigDashboard(p)));
        });
        return cmd;
    }

    private static Command Cancel(CliContext ctx)
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep id" };
        var node = new NodeOptions();
        var cmd = new Command("cancel", "Cancel a sweep (it can be resumed later).") { sweep };
        node.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            string id = p.GetValue(sweep)!;
            var (store, settings) = Prepare(p, node, id, client: p.GetValue(node.Seed) is { Length: > 0 });
            await using var member = await ScyfiNode.StartAsync(settings, store, ctx.LoggerFactory, ct: ct).ConfigureAwait(false);
            var ack = await SweepSession.AskWithRetry<SweepCommandAck>(member.Coordinator, new CancelSweep(id), ct).ConfigureAwait(false);
            ctx.Out.WriteLine($"sweep {id}: {ack.State}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Status(CliContext ctx)
    {
        var sweep = new Argument<string?>("SWEEP") { Description = "Sweep id (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var node = new NodeOptions();
        var cmd = new Command("status", "Show the sweeps in a store and their progress.") { sweep, json, node.Store, node.Config };
        cmd.SetAction(p =>
        {
            var store = new SweepStore(node.ResolveStore(p));
            string? id = p.GetValue(sweep);
            List<SweepRow> rows;
            if (id is not null) rows = [store.RequireSweep(id)];
            else if (!store.Exists) rows = [];
            else
            {
                store.EnsureReady();
                rows = store.ListSweeps();
            }
            var now = DateTimeOffset.UtcNow;
            if (p.GetValue(json))
            {
                var doc = new JsonObject
                {
                    ["sweeps"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["id"] = r.Id, ["state"] = r.State, ["tilesTotal"] = r.TilesTotal, ["tilesDone"] = r.TilesDone,
                        ["tilesComputed"] = r.TilesComputed, ["pointsTotal"] = r.PointsTotal, ["pointsDone"] = r.PointsDone,
                        ["retries"] = r.Retries, ["message"] = r.Message, ["interrupted"] = r.IsInterrupted(now),
                        ["created"] = r.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), ["updated"] = r.Updated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                    }).ToArray()),
                };
                ctx.Out.WriteLine(doc.ToJsonString());
                return ExitCodes.Ok;
            }
            var console = Consoles.For(ctx.Out);
            if (rows.Count == 0) { console.WriteLine($"no sweeps in {store.Location.Display}"); return ExitCodes.Ok; }
            var table = new Table().Border(TableBorder.Simple).AddColumns("sweep", "state", "tiles", "computed", "points", "updated");
            foreach (var r in rows)
                table.AddRow(r.Id, r.IsInterrupted(now) ? "interrupted" : r.State, $"{r.TilesDone}/{r.TilesTotal}", r.TilesComputed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{r.PointsDone:N0}/{r.PointsTotal:N0}", r.Updated.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            console.Write(table);
            foreach (var r in rows.Where(r => r.IsInterrupted(now)))
                console.WriteLine($"{r.Id}: marked {r.State}, but no coordinator has reported for {Ago(now - r.Updated)}; `scyfi resume {r.Id}` continues it.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Ago(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{t.TotalHours:F0} h" : t.TotalMinutes >= 1 ? $"{t.TotalMinutes:F0} min" : $"{t.TotalSeconds:F0} s";

    private static Command Export(CliContext ctx)
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep id" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory for the results" };
        var node = new NodeOptions();
        var cmd = new Command("export", "Write a completed sweep's points.csv, bifurcations.json, summary.json and maps.") { sweep, output, node.Store, node.Config };
        cmd.SetAction(p =>
        {
            string outDir = p.GetValue(output) ?? throw new ScyfiInputException("missing --out DIR");
            var store = new SweepStore(node.ResolveStore(p));
            store.RequireSweep(p.GetValue(sweep)!);
            var result = StoreExport.Write(store, p.GetValue(sweep)!, outDir);
            SweepCommand.WriteSummary(ctx.Out, result, outDir);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Member(CliContext ctx, string name, string description, string[] roles)
    {
        var node = new NodeOptions();
        var threads = new Option<int>("--threads") { Description = "Tiles computed at once on this node (worker)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command(name, description) { threads };
        var dashboard = new DashboardOptions();
        node.AddTo(cmd);
        dashboard.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            var dashboardSettings = dashboard.Resolve(p, node.ConfigDashboard(p));
            // Every option is checked before the store is touched.
            var store = new SweepStore(node.ResolveStore(p));
            var seeds = node.ResolveSeeds(p);
            if (seeds.Length == 0 && !roles.Contains(ScyfiNodeSettings.CoordinatorRole))
                throw new ScyfiInputException("a worker node needs --seed akka.tcp://scyfi@HOST:PORT (the coordinator's address)");
            int slots = p.GetValue(threads);
            if (slots is < 1 or > 1024) throw new ScyfiInputException($"--threads must be between 1 and 1024 (got {slots})");
            var settings = node.Settings(p, store.Location, roles, seeds) with { ComputeSlots = slots, SchedulerTick = ScyfiNodeSettings.MemberSchedulerTick };
            store.EnsureReady();
            using var coordinatorLock = settings.IsCoordinator ? CoordinatorLock.Acquire(store.Location, embedded: false) : null;
            // Before Akka.NET starts compiling: see FinderWarmUp (a worker's first sweep otherwise
            // runs the finder's instrumented code while the member's start-up is compiled).
            if (settings.IsWorker) FinderWarmUp.Run(FinderWarmUp.Generic, FinderWarmUp.DefaultBudget, ct);
            await using var member = await ScyfiNode.StartAsync(settings, store, ctx.LoggerFactory, ct: ct, dashboard: dashboardSettings).ConfigureAwait(false);
            var self = Akka.Cluster.Cluster.Get(member.System).SelfAddress;
            ctx.Out.WriteLine($"scyfi {name} up at {self} (store {store.Location.Display}); Ctrl-C to leave");
            DashboardOptions.Announce(ctx, member);
            ctx.Out.Flush();
            ctx.Logger(name).LogInformation("{Name} member up at {Address}", name, self);
            // Runs until Ctrl-C or SIGTERM, or until the actor system stops on its own: downed by
            // the others' split-brain resolver after it was unreachable (a long pause), or by its
            // own. A member out of the cluster can never rejoin with the same actor system, so the
            // process ends then, non-zero, for systemd, Docker or Kubernetes to restart it.
            // SIGTERM stops the actor system too (Akka.NET's process-exit hook, ClrExitReason),
            // sometimes before the cancellation arrives here: only a stop that the cluster decided
            // puts the member out of it.
            var stopped = member.System.WhenTerminated;
            await Task.WhenAny(stopped, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
            var reason = Akka.Actor.CoordinatedShutdown.Get(member.System).ShutdownReason;
            if (!ct.IsCancellationRequested && stopped.IsCompleted &&
                reason is Akka.Actor.CoordinatedShutdown.ClusterDowningReason or Akka.Actor.CoordinatedShutdown.ClusterJoinUnsuccessfulReason)
            {
                ctx.Err.WriteLine($"scyfi {name}: this member's actor system stopped ({reason.GetType().Name}); it is out of the cluster, exiting for a restart");
                ctx.Err.Flush();
                return ExitCodes.OutOfCluster;
            }
            ctx.Out.WriteLine($"scyfi {name} leaving the cluster");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The store and member settings for a command on an existing sweep (resume, cancel).</summary>
    private static (SweepStore, ScyfiNodeSettings) Prepare(ParseResult p, NodeOptions node, string id, bool client)
    {
        var store = new SweepStore(node.ResolveStore(p));
        var seeds = node.ResolveSeeds(p);
        string[] roles = client ? ["client"] : [ScyfiNodeSettings.CoordinatorRole, ScyfiNodeSettings.WorkerRole];
        var settings = node.Settings(p, store.Location, roles, seeds);
        store.RequireSweep(id);
        return (store, settings);
    }
}
