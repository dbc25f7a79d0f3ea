using System.Diagnostics;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Models;
using Scyfi.Core.Sweeps;
using Scyfi.Core.Training;
using Scyfi.Messages;

namespace Scyfi.SweepBench;

/// <summary>
/// Trajectory analysis (what <c>scyfi trajectory</c> computes) in checkpoints per second: the
/// in-process engine against the embedded one-process cluster, on the same training run — a 2-D
/// PLRNN trained on GT16 data as in experiments/gt16-loss-jumps.sh (BPTT, seed 1, 300 epochs,
/// windows of 50, η = 5·10⁻³, a checkpoint every 5 epochs: 61 checkpoints), objects to order 16.
/// </summary>
internal static class TrajectoryThroughput
{
    public static async Task<int> RunAsync(TextWriter w)
    {
        string dir = Directory.CreateTempSubdirectory("scyfi-bench-trajectory-").FullName;
        try
        {
            var gt16 = ModelFile.Load(Path.Combine(Specs.Root(), "examples", "gt16.json"));
            var data = Simulator.Run(gt16, new SimulationOptions { Steps = 5000, Noise = 0.01, Seed = 1, Transient = 100 });
            var options = new TrainingOptions
            {
                Model = "plrnn", Latent = 2, Method = "bptt", Epochs = 300, SequenceLength = 50, LearningRate = 5e-3, Seed = 1, CheckpointEvery = 5,
            };
            string run = Path.Combine(dir, "run");
            var sw = Stopwatch.StartNew();
            TrainingRun.Run(new LoadedTimeSeries("gt16", data, null, null), options, run);
            double trainSeconds = sw.Elapsed.TotalSeconds;
            var input = TrajectoryInput.Load(run);
            var spec = SweepSpec.ForPath(input.Path, FinderOptions(16), input.Path.SuggestedTile);
            int threads = Environment.ProcessorCount;
            int n = input.Path.Count;

            // Warm-up (JIT, region caches), then the measured in-process run.
            new SweepEngine(SweepSpec.ForPath(input.Path, [1, 2], input.Path.SuggestedTile), threads).Run();
            sw.Restart();
            var engine = new SweepEngine(spec, threads).Run();
            double engineSeconds = sw.Elapsed.TotalSeconds;

            var store = new SweepStore(StoreLocation.Parse(Path.Combine(dir, "bench.db")));
            store.EnsureReady();
            var settings = new ScyfiNodeSettings { JournalConnectionString = store.Location.ConnectionString, JournalProvider = store.Location.AkkaProviderName };
            sw.Restart();
            double clusterSeconds, startup;
            SweepResult cluster;
            int tiles;
            await using (var node = await ScyfiNode.StartAsync(settings, store))
            {
                startup = sw.Elapsed.TotalSeconds;
                var measured = Stopwatch.StartNew();
                await SweepSession.SubmitAsync(node.Coordinator, new SubmitSweep("trajectory", spec.ToJson(), "edges", 4, threads), CancellationToken.None);
                var status = await SweepSession.WaitAsync(node.Coordinator, "trajectory", _ => { }, CancellationToken.None);
                clusterSeconds = measured.Elapsed.TotalSeconds;
                tiles = status.TilesTotal;
                cluster = StoreExport.Load(store, "trajectory");
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            var a = TrainingTrajectory.From(engine, input.Log);
            var b = TrainingTrajectory.From(cluster, input.Log);
            bool identical = Enumerable.Range(0, n).All(i => Same(engine.Points[i], cluster.Points[i]))
                && a.Bifurcations.Select(x => (x.Event.Type, x.Event.Order, Math.Round(x.Epoch, 6))).SequenceEqual(b.Bifurcations.Select(x => (x.Event.Type, x.Event.Order, Math.Round(x.Epoch, 6))));
            w.WriteLine($"| run | checkpoints | seconds | checkpoints/s | ratio |");
            w.WriteLine("|---|---:|---:|---:|---:|");
            w.WriteLine($"| in-process engine ({threads} threads) | {n} | {engineSeconds:F1} | {n / engineSeconds:F2} | 1.00 |");
            w.WriteLine($"| embedded cluster (SQLite, {tiles} tiles of {spec.Tile}) | {n} | {clusterSeconds:F1} | {n / clusterSeconds:F2} | {clusterSeconds / engineSeconds:F2} |");
            w.WriteLine();
            w.WriteLine($"Run: GT16 BPTT seed 1, 300 epochs, checkpoints every 5 epochs ({n}), trained in {trainSeconds:F1} s (not included); orders 1..16; "
                + $"{a.Bifurcations.Count} bifurcations, {a.Jumps.Count} loss jump(s). Grid {engine.Stats.GridSeconds:F1} s, continuation {engine.Stats.ContinuationSeconds:F2} s, "
                + $"detection {engine.Stats.DetectionSeconds:F2} s (in-process). Cluster start-up (not included): {startup:F1} s. Identical results: {(identical ? "yes" : "NO")}.");
            return identical ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int[] FinderOptions(int maxOrder) => Enumerable.Range(1, maxOrder).ToArray();

    private static bool Same(PointResult a, PointResult b) =>
        a.Objects.Length == b.Objects.Length && Enumerable.Zip(a.Objects, b.Objects).All(p => p.First.SameItinerary(p.Second) && p.First.Stability == p.Second.Stability);
}
