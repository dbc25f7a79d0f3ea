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
    [Fact]
    public async Task Kill_9_of_the_embedded_sweep_then_resume_gives_identical_results_and_few_repeats()
    {
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        string referenceOut = dir.File("reference"), resumedOut = dir.File("resumed");
        string referenceStore = dir.File("reference.db"), store = dir.File("killed.db");
        var (reference, victim) = EmbeddedSweepRuns.Start(procs, dir, "killed sweep", referenceOut, referenceStore, resumedOut, store, "e2e-killed");

        var before = await procs.WaitForStatusAsync(store, "e2e-killed", s => s.TilesDone >= s.TilesTotal / 4, victim, EmbeddedSweepRuns.RunTimeout);
        victim.Kill();
        procs.Log($"kill -9 of the embedded sweep at {before.TilesDone}/{before.TilesTotal} tiles");
        var killed = await procs.StatusAsync(store, "e2e-killed");
        Assert.NotNull(killed);
        Assert.True(killed.TilesDone < killed.TilesTotal, $"the sweep had finished before the kill: {killed}");
        Assert.Equal("running", killed.State);

        // The in-flight bound was persisted with the sweep: resume keeps it.
        var resume = procs.Start("resume", "resume", "e2e-killed", "--out", resumedOut, "--store", store);
        Assert.True(await resume.WaitForExitAsync(EmbeddedSweepRuns.RunTimeout) == 0, $"scyfi resume failed\n{resume.Describe()}");
        Assert.True(await reference.WaitForExitAsync(EmbeddedSweepRuns.RunTimeout) == 0, $"the uninterrupted sweep failed\n{reference.Describe()}");
        procs.Log("resume and the uninterrupted run finished");

        await EmbeddedSweepRuns.AssertFinishedLikeTheReferenceAsync(procs, referenceOut, resumedOut, store, "e2e-killed");
    }
}
