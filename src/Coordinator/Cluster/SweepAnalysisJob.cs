using System.Diagnostics;
using System.Text.Json;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// What the coordinator runs once every tile is recorded: grid continuation over all points,
/// then bifurcation detection with the sweep's refinement mode; the continued points and the
/// bifurcations go back to the store. Pure function of the stored points, so re-running it after a
/// crash gives the same result.
/// </summary>
internal static class SweepAnalysisJob
{
    public static AnalysisDone Run(SweepStore store, string sweepId, string specJson, string refine, int depth, DateTime started)
    {
        var spec = SweepSpec.Parse(specJson);
        var grid = new SweepGrid(spec);
        double gridSeconds = (DateTime.UtcNow - started).TotalSeconds;
        var sw = Stopwatch.StartNew();
        var points = store.ReadPointsByIndex(sweepId);
        var before = points.ToDictionary(p => p.Key, p => p.Value.Objects.Length);
        int added = GridContinuation.Close(grid, points);
        store.WritePoints(sweepId, points.Values.Where(p => p.Objects.Length != before[p.Index]), grid.TileOf);
        double continuationSeconds = sw.Elapsed.TotalSeconds;

        sw.Restart();
        var mode = Enum.Parse<RefineMode>(refine, ignoreCase: true);
        var analysis = new BifurcationAnalysis(grid, mode, depth, Environment.ProcessorCount);
        var bifurcations = analysis.Detect(points);
        store.WriteBifurcations(sweepId, bifurcations);
        double detectionSeconds = sw.Elapsed.TotalSeconds;

        var stats = new SweepStats(grid.PointCount, analysis.RefinedPoints, points.Values.Sum(p => p.Candidates) + analysis.RefinedCandidates, added,
            gridSeconds, continuationSeconds, detectionSeconds, Environment.ProcessorCount, mode, depth);
        return new AnalysisDone(sweepId, bifurcations.Count, JsonSerializer.Serialize(stats, Scyfi.Messages.ScyfiJsonSerializer.Options));
    }
}
