using System.Diagnostics;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.SweepBench;

/// <summary>The embedded one-process cluster against the in-process engine on the same grid.</summary>
internal static class ClusterOverhead
{
    /// <summary>
    /// Grid of n×n points (default 321², 103 041 points, ~15 s for the engine on 2 cores): large
    /// enough that the cluster's fixed costs (JIT of Akka, persistence and the SQL providers,
    /// shard allocation) are not most of what is measured, as they are not in real sweeps.
    /// </summary>
    public static Task<int> RunAsync(TextWriter w, int n = 321, int measured = 3, int maxOrder = 4) =>
        RunAsync(w, Specs.OneSwitch(n, maxOrder, tile: 32), measured);

    /// <summary>The same on any sweep spec (a file given on the command line).</summary>
    public static async Task<int> RunAsync(TextWriter w, SweepSpec spec, int measured)
    {
        int threads = Environment.ProcessorCount;
        // Round 0 warms both up and is not counted: the cluster's first run in a process pays
        // the JIT compilation of Akka.NET, the persistence plugins and the SQL providers, which
        // cluster-profile.md measures separately (and a fresh `scyfi sweep` in sweep-cold.md).
        // Then the measured rounds (three unless asked), the order alternating (engine first, then
        // cluster first) so that a drift in the VM's speed during the run hits both alike.
        SweepResult engine = new SweepEngine(spec, threads).Run();
        var warm = await RunClusterAsync(spec, threads, engine);
        bool identical = warm.Same;
        var engineRuns = new List<(double Seconds, double Cpu)>();
        var clusterRuns = new List<(double Seconds, double Cpu)>();
        var engineGc = new List<GcUse>();
        var clusterGc = new List<GcUse>();
        SweepStatus status = warm.Status;
        long events = warm.Events;
        double startup = 0;
        for (int round = 1; round <= measured; round++)
        {
            async Task Cluster()
            {
                double cpu = ProcessCpuSeconds();
                var gc = GcUse.Now();
                var (seconds, st, ev, same, up) = await RunClusterAsync(spec, threads, engine);
                clusterRuns.Add((seconds, ProcessCpuSeconds() - cpu));
                clusterGc.Add(GcUse.Now() - gc);
                (status, events, startup) = (st, ev, up);
                identical &= same;
            }
            if (round % 2 == 0) await Cluster();
            var sw = Stopwatch.StartNew();
            double engineCpu = ProcessCpuSeconds();
            var engineGc0 = GcUse.Now();
            engine = new SweepEngine(spec, threads).Run();
            engineRuns.Add((sw.Elapsed.TotalSeconds, ProcessCpuSeconds() - engineCpu));
            engineGc.Add(GcUse.Now() - engineGc0);
            if (round % 2 == 1) await Cluster();
        }
        // Best and median of the three: the best is the run least disturbed by other tenants of
        // the VM; the median says whether that was luck. Process CPU time as well: wall time
        // drifts with the other tenants' load, CPU time much less, and the CPU ratio says how
        // much work the cluster adds.
        static double Best(IEnumerable<double> v) => v.Min();
        double Median(IEnumerable<double> v) => v.Order().ElementAt(measured / 2);
        double eBest = Best(engineRuns.Select(r => r.Seconds)), cBest = Best(clusterRuns.Select(r => r.Seconds));
        double eMed = Median(engineRuns.Select(r => r.Seconds)), cMed = Median(clusterRuns.Select(r => r.Seconds));
        double eCpu = Best(engineRuns.Select(r => r.Cpu)), cCpu = Best(clusterRuns.Select(r => r.Cpu));
        w.WriteLine($"| run | grid | seconds: best of {measured} (median) | points/s (best) | ratio: best (median) | CPU s (best) | CPU ratio |");
        w.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        var axes = spec.Axes;
        string grid = $"{string.Join("×", axes.Select(a => a.Points))}, {spec.Model.GetType().Name} (M={spec.Model.Dimension}, {spec.Model.SwitchingUnits} switching units), orders {string.Join(",", spec.Orders)}, tiles of {spec.Tile}";
        w.WriteLine($"| in-process engine | {grid} | {eBest:F1} ({eMed:F1}) | {engine.Points.Count / eBest:F0} | 1.00 | {eCpu:F1} | 1.00 |");
        w.WriteLine($"| embedded cluster (SQLite) | same, {status.TilesTotal} tiles | {cBest:F1} ({cMed:F1}) | {engine.Points.Count / cBest:F0} | {cBest / eBest:F2} ({cMed / eMed:F2}) | {cCpu:F1} | {cCpu / eCpu:F2} |");
        w.WriteLine();
        w.WriteLine($"Rounds, engine / cluster seconds: {string.Join(", ", engineRuns.Zip(clusterRuns, (e, c) => $"{e.Seconds:F1} / {c.Seconds:F1}"))} (after an unmeasured warm round).");
        // The ratio within each round: the two runs of a round are next to each other in time, so
        // the VM's drift cancels better than between the best of each side.
        var pairs = engineRuns.Zip(clusterRuns, (e, c) => c.Seconds / e.Seconds).ToList();
        w.WriteLine($"Cluster/engine ratio within each round: median {Median(pairs):F2}, from {pairs.Min():F2} to {pairs.Max():F2}.");
        // With the non-concurrent collector every collection stops the compute slots too; the
        // finder allocates next to nothing, so the engine's pauses are the baseline.
        w.WriteLine($"Garbage collections per round (gen0/gen1/gen2, pauses, allocated): engine {string.Join(", ", engineGc)}; cluster {string.Join(", ", clusterGc)}.");
        w.WriteLine($"Cluster start-up (not included): {startup:F1} s. Identical results: {(identical ? "yes" : "NO")}. Persisted events: {events:N0} ({events / cBest:F0} events/s, {status.TilesTotal / cBest:F1} tiles/s).");
        return 0;
    }

    private static async Task<(double Seconds, SweepStatus Status, long Events, bool Same, double Startup)> RunClusterAsync(SweepSpec spec, int threads, SweepResult engine)
    {
        string dir = Directory.CreateTempSubdirectory("scyfi-bench-").FullName;
        try
        {
            return await RunClusterAsync(spec, threads, engine, StoreLocation.Parse(Path.Combine(dir, "bench.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One embedded-cluster run of <paramref name="spec"/> on a fresh, empty store.</summary>
    internal static async Task<(double Seconds, SweepStatus Status, long Events, bool Same, double Startup)> RunClusterAsync(SweepSpec spec, int threads, SweepResult engine, StoreLocation location)
    {
        var store = new SweepStore(location);
        store.EnsureReady();
        var settings = new ScyfiNodeSettings
        {
            JournalConnectionString = store.Location.ConnectionString, JournalProvider = store.Location.AkkaProviderName, ComputeSlots = threads,
            ExtraHocon = Environment.GetEnvironmentVariable("SCYFI_BENCH_HOCON") ?? "",
        };
        var sw = Stopwatch.StartNew();
        (double, SweepStatus, long, bool, double) result;
        await using (var node = await ScyfiNode.StartAsync(settings, store))
        {
            double startup = sw.Elapsed.TotalSeconds;
            var run = Stopwatch.StartNew();
            await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("bench", spec.ToJson(), "edges", 4, InFlightPerNode(threads)), CancellationToken.None);
            var status = await SweepSession.WaitAsync(node.Coordinator, "bench", _ => { }, CancellationToken.None);
            double seconds = run.Elapsed.TotalSeconds;
            var same = StoreExport.Load(store, "bench");
            bool identical = engine.Points.Keys.All(i => Same(engine.Points[i], same.Points[i])) && engine.Bifurcations.Count == same.Bifurcations.Count;
            result = (seconds, status, CountJournal(store, settings), identical, startup);
        }
        return result;
    }

    /// <summary>Collections per generation and the total time the runtime was paused for them.</summary>
    private readonly record struct GcUse(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static GcUse Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        public static GcUse operator -(GcUse a, GcUse b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Paused - b.Paused, a.Allocated - b.Allocated);
        public override string ToString() => $"{Gen0}/{Gen1}/{Gen2}, {Paused.TotalSeconds:F2} s, {Allocated / 1e6:F0} MB";
    }

    private static double ProcessCpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Tiles in flight per node, as <c>scyfi sweep</c> sets them (SCYFI_BENCH_INFLIGHT overrides, for experiments).</summary>
    internal static int InFlightPerNode(int threads) =>
        int.TryParse(Environment.GetEnvironmentVariable("SCYFI_BENCH_INFLIGHT"), out int n) && n > 0 ? n : 8 * threads;

    internal static bool Same(PointResult a, PointResult b) =>
        a.Objects.Length == b.Objects.Length && Enumerable.Zip(a.Objects, b.Objects).All(p => p.First.SameItinerary(p.Second) && p.First.Stability == p.Second.Stability);

    /// <summary>Persisted events: the tiles' and the coordinator's journal plus sharding's (on SQLite in its own file).</summary>
    private static long CountJournal(SweepStore store, ScyfiNodeSettings settings)
    {
        long Count(System.Data.Common.DbConnection c, string table)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
            return Convert.ToInt64(cmd.ExecuteScalar());
        }
        using var c = store.Open();
        long events = Count(c, "event_journal");
        if (!settings.JournalIsSqlite) return events + Count(c, "sharding_journal");
        using var sharding = new Microsoft.Data.Sqlite.SqliteConnection(settings.ShardingConnectionString);
        sharding.Open();
        return events + Count(sharding, "sharding_journal");
    }
}
