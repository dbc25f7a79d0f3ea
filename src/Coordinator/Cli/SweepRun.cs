using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Starts a cluster member, submits (or resumes) a sweep, shows its progress until it finishes,
/// exports the results and stops the member. Ctrl-C stops the member gracefully and leaves the
/// sweep resumable (<c>scyfi resume ID</c>).
/// </summary>
internal static class SweepRun
{
    public static async Task<int> RunAsync(CliContext ctx, ScyfiNodeSettings settings, SweepStore store, string sweepId, string outDir, object request, CancellationToken ct)
    {
        SweepStatus? last = null;
        await using (var node = await ScyfiNode.StartAsync(settings, store, ctx.LoggerFactory, ct: ct).ConfigureAwait(false))
        {
            try
            {
                var final = await ProgressDisplay.RunAsync(ctx, $"Sweep {sweepId}", async progress =>
                {
                    if (request is SubmitSweep submit) await SweepSession.SubmitAsync(node.Coordinator, submit, ct).ConfigureAwait(false);
                    else await SweepSession.AskWithRetry<SweepCommandAck>(node.Coordinator, request, ct).ConfigureAwait(false);
                    return await SweepSession.WaitAsync(node.Coordinator, sweepId, s =>
                    {
                        last = s;
                        progress.Report(s.State == "analysing"
                            ? new WorkProgress("analysis", 0, 1, "steps", "continuation and bifurcation detection")
                            : new WorkProgress("tiles", s.TilesDone, s.TilesTotal, "tiles", $"{s.PointsDone:N0} points, {s.InFlight} in flight"));
                    }, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                last = final;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                ctx.Err.WriteLine($"scyfi: sweep {sweepId} interrupted{(last is null ? "" : $" after {last.TilesDone}/{last.TilesTotal} tiles")}; continue with: scyfi resume {sweepId} --out {outDir}{StoreHint(store)}");
                return ExitCodes.Cancelled;
            }
        }
        if (last!.State == "failed")
        {
            ctx.Err.WriteLine($"scyfi: sweep {sweepId} failed: {last.Message}");
            return ExitCodes.Internal;
        }
        if (last.State == "cancelled")
        {
            ctx.Err.WriteLine($"scyfi: sweep {sweepId} was cancelled; continue with: scyfi resume {sweepId} --out {outDir}{StoreHint(store)}");
            return ExitCodes.Internal;
        }
        var result = StoreExport.Write(store, sweepId, outDir);
        ctx.Out.WriteLine($"sweep {sweepId} completed: {last.TilesTotal} tiles ({last.TilesComputed} computations, {last.Retries} re-sent)");
        SweepCommand.WriteSummary(ctx.Out, result, outDir);
        return ExitCodes.Ok;
    }

    private static string StoreHint(SweepStore store) =>
        store.Location.Display == Path.GetFullPath(StoreLocation.DefaultPath) ? "" : $" --store {store.Location.Display}";
}
