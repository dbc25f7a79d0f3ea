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
    public static async Task<int> RunAsync(TextWriter w)
    {
        var spec = Specs.OneSwitch(161, 2, tile: 16);
        int threads = Environment.ProcessorCount;
        var sw = Stopwatch.StartNew();
        var engine = new SweepEngine(spec, threads).Run();
        double engineSeconds = sw.Elapsed.TotalSeconds;

        string dir = Directory.CreateTempSubdirectory("scyfi-bench-").FullName;
        var store = new SweepStore(StoreLocation.Parse(Path.Combine(dir, "bench.db")));
        store.EnsureReady();
        var settings = new ScyfiNodeSettings { JournalConnectionString = store.Location.ConnectionString, JournalProvider = store.Location.AkkaProviderName };
        sw.Restart();
        await using (var node = await ScyfiNode.StartAsync(settings, store))
        {
            double startup = sw.Elapsed.TotalSeconds;
            var run = Stopwatch.StartNew();
            await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("bench", spec.ToJson(), "edges", 4, threads), CancellationToken.None);
            var status = await SweepSession.WaitAsync(node.Coordinator, "bench", _ => { }, CancellationToken.None);
            double clusterSeconds = run.Elapsed.TotalSeconds;
            var events = CountJournal(store);
            var same = StoreExport.Load(store, "bench");
            bool identical = engine.Points.Keys.All(i => Same(engine.Points[i], same.Points[i])) && engine.Bifurcations.Count == same.Bifurcations.Count;
            w.WriteLine("| run | grid | seconds | points/s | ratio |");
            w.WriteLine("|---|---|---:|---:|---:|");
            w.WriteLine($"| in-process engine | 161×161, orders 1..2 | {engineSeconds:F1} | {engine.Points.Count / engineSeconds:F0} | 1.00 |");
            w.WriteLine($"| embedded cluster (SQLite) | same, {status.TilesTotal} tiles | {clusterSeconds:F1} | {engine.Points.Count / clusterSeconds:F0} | {clusterSeconds / engineSeconds:F2} |");
            w.WriteLine();
            w.WriteLine($"Cluster start-up (not included): {startup:F1} s. Identical results: {(identical ? "yes" : "NO")}. Persisted events: {events:N0} ({events / clusterSeconds:F0} events/s, {status.TilesTotal / clusterSeconds:F1} tiles/s).");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static bool Same(PointResult a, PointResult b) =>
        a.Objects.Length == b.Objects.Length && Enumerable.Zip(a.Objects, b.Objects).All(p => p.First.SameItinerary(p.Second) && p.First.Stability == p.Second.Stability);

    private static long CountJournal(SweepStore store)
    {
        using var c = store.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM event_journal) + (SELECT COUNT(*) FROM sharding_journal)";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
