namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// What the tests that interrupt an embedded <c>scyfi sweep</c> share: the grid, an uninterrupted
/// reference run started alongside the one to interrupt, and the checks on the finished sweep.
/// </summary>
internal static class EmbeddedSweepRuns
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    // Two tiles in flight whatever the machine: those are the tiles an interruption can make run twice.
    private static readonly string[] Threads = ["--threads", "2"];

    /// <summary>
    /// Starts the reference sweep and the sweep to interrupt, side by side (an embedded sweep waits
    /// on its journal far more than on the CPU). 61² points in tiles of 4² points: 256 tiles, so
    /// 2 % allows 5 repeated tiles.
    /// </summary>
    public static (ScyfiProcess Reference, ScyfiProcess Victim) Start(ScyfiProcesses procs, TempDirectory dir, string victimName,
        string referenceOut, string referenceStore, string victimOut, string victimStore, string victimId)
    {
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(points: 61, tile: 4));
        var reference = procs.Start("reference sweep", ["sweep", spec, "--out", referenceOut, "--store", referenceStore, "--id", "e2e-reference", .. Threads]);
        var victim = procs.Start(victimName, ["sweep", spec, "--out", victimOut, "--store", victimStore, "--id", victimId, .. Threads]);
        return (reference, victim);
    }

    /// <summary>
    /// After the continuation and the reference have finished: identical results, the sweep
    /// completed, and at most 2 % of its tiles computed twice.
    /// </summary>
    public static async Task AssertFinishedLikeTheReferenceAsync(ScyfiProcesses procs, string referenceOut, string resumedOut, string store, string sweepId)
    {
        ResultFiles.AssertIdentical(referenceOut, resumedOut);
        var final = await procs.StatusAsync(store, sweepId);
        Assert.NotNull(final);
        procs.Log($"final status: {final}");
        Assert.Equal("completed", final.State);
        Assert.Equal(final.TilesTotal, final.TilesDone);
        int repeated = final.TilesComputed - final.TilesTotal;
        Assert.True(repeated >= 0, $"fewer computations than tiles: {final}");
        Assert.True(repeated <= 0.02 * final.TilesTotal, $"{repeated} of {final.TilesTotal} tiles computed twice (more than 2 %): {final}");
    }
}
