using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Dashboard;
using Scyfi.Coordinator.Store;
using Scyfi.Core;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Starts a cluster member, submits (or resumes) a sweep, shows its progress until it finishes,
/// exports the results and stops the member. Ctrl-C stops the member gracefully and leaves the
/// sweep resumable (<c>scyfi resume ID</c>).
/// </summary>
internal static class SweepRun
{
    /// <summary>Runs the sweep; once completed, writes the sweep exports into <paramref name="outDir"/> and prints the summary.</summary>
    public static Task<int> RunAsync(CliContext ctx, ScyfiNodeSettings settings, SweepStore store, string sweepId, string outDir, object request, CancellationToken ct,
        DashboardSettings? dashboard = null) =>
        RunAsync(ctx, settings, store, sweepId, request, $"scyfi resume {sweepId} --out {ShellWord.Quote(outDir)}{StoreHint(store)}{ClusterHint(settings)}", final =>
        {
            var result = StoreExport.Write(store, sweepId, outDir);
            ctx.Out.WriteLine($"sweep {sweepId} completed: {final.TilesTotal} tiles ({final.TilesComputed} computations, {final.Retries} re-sent)");
            SweepCommand.WriteSummary(ctx.Out, result, outDir);
            return ExitCodes.Ok;
        }, ct, dashboard);

    /// <summary>
    /// Runs the sweep and hands its final status to <paramref name="completed"/> (for commands that
    /// build their own outputs from the store, like <c>scyfi trajectory</c>); <paramref name="resumeHint"/>
    /// is the command that continues an interrupted sweep.
    /// </summary>
    public static async Task<int> RunAsync(CliContext ctx, ScyfiNodeSettings settings, SweepStore store, string sweepId, object request, string resumeHint,
        Func<SweepStatus, int> completed, CancellationToken ct, DashboardSettings? dashboard = null)
    {
        SweepStatus? last = null;
        Task<int>? outputs = null;
        bool interrupted = false;
        using var coordinatorLock = settings.IsCoordinator ? CoordinatorLock.Acquire(store.Location, embedded: settings.Seeds.Count == 0) : null;
        if (settings.IsWorker && SpecOf(request, store, sweepId) is { } spec)
        {
            int warmed = FinderWarmUp.Run(spec, FinderWarmUp.DefaultBudget, ct);
            ctx.Logger("sweep").LogDebug("finder warm-up: {Points} points", warmed);
        }
        // A client that only submits (no roles, no dashboard to serve) is a cluster member just
        // long enough to submit, then follows the sweep in the store. As a member for the whole
        // sweep, often overnight from a laptop, it took CPU from the workers (membership and
        // polling: 0.08 core beside two workers on one machine) and, when it went to sleep or
        // lost its network, was an unreachable member the others had to down; in a cluster of
        // two the split-brain resolver could have downed the coordinator's side instead.
        bool follow = !settings.IsWorker && !settings.IsCoordinator && dashboard is null;
        var title = $"Sweep {sweepId}";
        await using (var node = await ScyfiNode.StartAsync(settings, store, ctx.LoggerFactory, ct: ct, dashboard: dashboard).ConfigureAwait(false))
        {
            DashboardOptions.Announce(ctx, node);
            try
            {
                if (follow) await SendAsync(node, request, ct).ConfigureAwait(false);
                else
                {
                    var final = await ProgressDisplay.RunAsync(ctx, title, async progress =>
                    {
                        await SendAsync(node, request, ct).ConfigureAwait(false);
                        return await SweepSession.WaitAsync(node.Coordinator, sweepId, s => Report(progress, last = s), ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                    last = final;
                    // The outputs come from the store alone: build them while the node leaves the
                    // cluster and shuts down (mostly waiting) instead of after it.
                    if (final.State == "completed") outputs = Task.Run(() => completed(final), CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                interrupted = true;
            }
        }
        if (follow && !interrupted)
        {
            try
            {
                last = await ProgressDisplay.RunAsync(ctx, title, progress =>
                    SweepStoreWatch.WaitAsync(store, sweepId, s => Report(progress, last = s), ct)).ConfigureAwait(false);
                if (last?.State == "completed") outputs = Task.FromResult(completed(last));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                interrupted = true;
            }
        }
        // Told once the node has left: what its shutdown logs (a shard handing off drops the tile
        // requests it buffered, which the resume sends again) comes before, not after, the line
        // the user acts on.
        if (interrupted)
        {
            string after = last is null ? "" : $" after {last.TilesDone}/{last.TilesTotal} tiles";
            // A client's sweep goes on without it: the coordinator is elsewhere.
            ctx.Err.WriteLine(settings.IsCoordinator
                ? $"scyfi: sweep {sweepId} interrupted{after}; continue with: {resumeHint}"
                : $"scyfi: stopped following sweep {sweepId}{after}; it goes on in the cluster. Follow it again with: {resumeHint}");
            return ExitCodes.Cancelled;
        }
        // Past an interruption, only the store watch ends without a status: nobody wrote the row.
        if (last is null)
        {
            ctx.Err.WriteLine($"scyfi: sweep {sweepId}: no coordinator has written its progress for {SweepStoreWatch.Unattended.TotalMinutes:F0} minutes (is the cluster running?); once it is, continue with: {resumeHint}");
            return ExitCodes.BadInput;
        }
        if (last.State == "failed")
        {
            ctx.Err.WriteLine($"scyfi: sweep {sweepId} failed: {last.Message}");
            return ExitCodes.Internal;
        }
        if (last.State == "cancelled")
        {
            ctx.Err.WriteLine($"scyfi: sweep {sweepId} was cancelled; continue with: {resumeHint}");
            return ExitCodes.Internal;
        }
        return await outputs!.ConfigureAwait(false);
    }

    /// <summary>Submits the sweep, or sends the resume request, and waits for the coordinator's answer.</summary>
    private static async Task SendAsync(ScyfiNode node, object request, CancellationToken ct)
    {
        if (request is SubmitSweep submit) await SweepSession.SubmitAsync(node.Coordinator, submit, ct).ConfigureAwait(false);
        else if (await SweepSession.AskWithRetry<SweepCommandAck>(node.Coordinator, request, ct).ConfigureAwait(false) is { State: "unknown" } ack)
            throw new ScyfiInputException($"the coordinator does not know sweep '{ack.SweepId}'");
    }

    private static void Report(IProgress<WorkProgress> progress, SweepStatus s) =>
        progress.Report(s.State == "analysing"
            ? new WorkProgress("analysis", 0, 1, "steps", "continuation and bifurcation detection")
            : new WorkProgress("tiles", s.TilesDone, s.TilesTotal, "tiles", s.InFlight < 0 ? $"{s.PointsDone:N0} points" : $"{s.PointsDone:N0} points, {s.InFlight} in flight"));

    /// <summary>
    /// The spec of the sweep about to be computed (submitted or resumed); null when there is
    /// nothing left to compute (the sweep is complete in the store, or unknown).
    /// </summary>
    private static SweepSpec? SpecOf(object request, SweepStore store, string sweepId)
    {
        var row = store.GetSweep(sweepId);
        if (row?.State == "completed") return null;
        return request is SubmitSweep submit ? SweepSpec.Parse(submit.SpecJson) : row is null ? null : SweepSpec.Parse(row.SpecJson);
    }

    /// <summary>
    /// " --cluster SEED…" for a client: without it the printed resume would start a coordinator of
    /// its own on the cluster's store beside the cluster's.
    /// </summary>
    private static string ClusterHint(ScyfiNodeSettings settings) =>
        settings.Seeds.Count == 0 ? "" : " --cluster " + string.Join(" ", settings.Seeds.Select(ShellWord.Quote));

    /// <summary>" --store S" for the commands printed in hints, unless they reach the store without it (the default, or SCYFI_STORE).</summary>
    public static string StoreHint(SweepStore store) =>
        store.Location.CommandArgument is { } argument ? $" --store {ShellWord.Quote(argument)}" : "";
}
