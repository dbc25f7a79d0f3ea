using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// Issue 4, failure test 4, with real processes on PostgreSQL: a coordinator and three worker
/// processes on loopback, a sweep submitted with <c>scyfi sweep --cluster</c>, <c>kill -9</c> of one
/// worker (the one hosting the tile shard coordinator) mid-sweep; the sweep completes with exactly
/// the results of an embedded SQLite run.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PostgresWorkerKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [GeneratedRegex(@"^scyfi coordinator up at (akka\.tcp://\S+)")]
    private static partial Regex CoordinatorUp();

    [GeneratedRegex(@"^scyfi node up at ")]
    private static partial Regex NodeUp();

    [Fact]
    public async Task Kill_9_of_a_worker_process_mid_sweep_gives_identical_results()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        // 101² points in tiles of 8² points: 169 tiles, enough to still be running when the worker dies.
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(points: 101, tile: 8));
        string referenceOut = dir.File("reference"), clusterOut = dir.File("cluster");
        procs.Log($"database {db.Name}");

        // Two tiles in flight per worker whatever the machine, so that the kill always finds work under way.
        string[] threads = ["--threads", "2"];
        var reference = procs.Start("reference sweep (embedded, SQLite)", ["sweep", spec, "--out", referenceOut, "--store", dir.File("reference.db"), "--id", "e2e-reference", .. threads]);

        // The coordinator first: it founds the cluster, and the workers need its address as their seed.
        var coordinator = procs.Start("coordinator", "coordinator", "--store", db.Url);
        string seed = (await coordinator.WaitForLineAsync(CoordinatorUp(), StartTimeout)).Groups[1].Value;
        // Worker 1 alone first, so that it is the oldest worker: it hosts the tile shard coordinator,
        // and killing it is the harder case (that singleton moves too, then the shards follow).
        var workers = new ScyfiProcess[3];
        workers[0] = procs.Start("worker 1", "node", "--seed", seed, "--store", db.Url);
        await workers[0].WaitForLineAsync(NodeUp(), StartTimeout);
        for (int i = 1; i < 3; i++) workers[i] = procs.Start($"worker {i + 1}", "node", "--seed", seed, "--store", db.Url);
        foreach (var w in workers) await w.WaitForLineAsync(NodeUp(), StartTimeout);
        procs.Log($"coordinator at {seed} and 3 workers up");

        var sweep = procs.Start("cluster sweep", ["sweep", spec, "--cluster", seed, "--store", db.Url, "--out", clusterOut, "--id", "e2e-pg", .. threads]);
        // Kill as soon as tiles come in: the store's row lags by up to a second and each status poll
        // is a process start, so by the time a poll shows a fifth of the tiles done, a fast machine
        // had once finished them all (the kill then tested nothing).
        var before = await procs.WaitForStatusAsync(db.Url, "e2e-pg", s => s.TilesDone > 0, sweep, RunTimeout);
        var victim = workers[0];
        victim.Kill();
        procs.Log($"kill -9 of {victim.Name} at {before.TilesDone}/{before.TilesTotal} tiles");
        var killed = await procs.StatusAsync(db.Url, "e2e-pg");
        Assert.NotNull(killed);
        Assert.True(killed.TilesDone < killed.TilesTotal, $"the sweep had finished before the kill: {killed}");

        Assert.True(await sweep.WaitForExitAsync(RunTimeout) == 0, $"the cluster sweep failed\n{procs.DescribeAll()}");
        Assert.True(await reference.WaitForExitAsync(RunTimeout) == 0, $"the embedded sweep failed\n{reference.Describe()}");
        var final = await procs.StatusAsync(db.Url, "e2e-pg");
        procs.Log($"sweep and reference finished; final status: {final}");

        ResultFiles.AssertIdentical(referenceOut, clusterOut);
        Assert.NotNull(final);
        Assert.Equal("completed", final.State);
        Assert.Equal(final.TilesTotal, final.TilesDone);
        foreach (var w in workers.Where(w => w != victim))
            Assert.False(w.HasExited, $"a surviving worker died\n{w.Describe()}");
        Assert.False(coordinator.HasExited, $"the coordinator died\n{coordinator.Describe()}");
    }
}
