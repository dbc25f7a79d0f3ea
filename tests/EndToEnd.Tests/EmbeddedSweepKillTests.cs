using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// Issue 4, failure test 3, with real processes: <c>kill -9</c> of the embedded <c>scyfi sweep</c>
/// mid-run, then <c>scyfi resume</c> finishes it with exactly the results of an uninterrupted run
/// and at most 2 % of the tiles computed twice.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EmbeddedSweepKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Kill_9_of_the_embedded_sweep_then_resume_gives_identical_results_and_few_repeats()
    {
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        // 61² points in tiles of 4² points: 256 tiles, so 2 % allows 5 repeated tiles.
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(points: 61, tile: 4));
        string referenceOut = dir.File("reference"), resumedOut = dir.File("resumed");
        string referenceStore = dir.File("reference.db"), store = dir.File("killed.db");

        // Two tiles in flight whatever the machine: those are the tiles a kill can make run twice.
        string[] threads = ["--threads", "2"];
        // The uninterrupted run goes alongside: an embedded sweep waits on its journal far more than on the CPU.
        var reference = procs.Start("reference sweep", ["sweep", spec, "--out", referenceOut, "--store", referenceStore, "--id", "e2e-reference", .. threads]);
        var victim = procs.Start("killed sweep", ["sweep", spec, "--out", resumedOut, "--store", store, "--id", "e2e-killed", .. threads]);

        var before = await procs.WaitForStatusAsync(store, "e2e-killed", s => s.TilesDone >= s.TilesTotal / 4, victim, RunTimeout);
        victim.Kill();
        procs.Log($"kill -9 of the embedded sweep at {before.TilesDone}/{before.TilesTotal} tiles");
        var killed = await procs.StatusAsync(store, "e2e-killed");
        Assert.NotNull(killed);
        Assert.True(killed.TilesDone < killed.TilesTotal, $"the sweep had finished before the kill: {killed}");
        Assert.Equal("running", killed.State);

        // The in-flight bound was persisted with the sweep: resume keeps it.
        var resume = procs.Start("resume", "resume", "e2e-killed", "--out", resumedOut, "--store", store);
        Assert.True(await resume.WaitForExitAsync(RunTimeout) == 0, $"scyfi resume failed\n{resume.Describe()}");
        Assert.True(await reference.WaitForExitAsync(RunTimeout) == 0, $"the uninterrupted sweep failed\n{reference.Describe()}");
        procs.Log("resume and the uninterrupted run finished");

        ResultFiles.AssertIdentical(referenceOut, resumedOut);
        var final = await procs.StatusAsync(store, "e2e-killed");
        Assert.NotNull(final);
        procs.Log($"final status: {final}");
        Assert.Equal("completed", final.State);
        Assert.Equal(final.TilesTotal, final.TilesDone);
        int repeated = final.TilesComputed - final.TilesTotal;
        Assert.True(repeated >= 0, $"fewer computations than tiles: {final}");
        Assert.True(repeated <= 0.02 * final.TilesTotal, $"{repeated} of {final.TilesTotal} tiles computed twice (more than 2 %): {final}");
    }
}
