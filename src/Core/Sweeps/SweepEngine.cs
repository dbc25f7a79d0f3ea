using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// Runs a sweep in this process: tiles in parallel (one tile per thread, each point
/// single-threaded and warm-started inside its tile), then continuation across the grid,
/// then bifurcation detection and refinement. The cluster runs the same tiles and the same
/// <see cref="BifurcationAnalysis"/>; this is the engine without the distribution.
/// </summary>
public sealed class SweepEngine(SweepSpec spec, int threads, RefineMode refine = RefineMode.Edges, int adaptiveDepth = 4)
{
    /// <summary>Warm start from neighbouring points (on by default; off only to measure its gain).</summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>Runs the whole sweep.</summary>
    public SweepResult Run(IProgress<SweepProgress>? progress = null, CancellationToken ct = default)
    {
        if (threads < 1) throw new ScyfiInputException($"--threads must be at least 1 (got {threads})");
        var grid = new SweepGrid(spec);
        var sw = Stopwatch.StartNew();
        var points = ComputeGrid(grid, progress, ct);
        double gridSeconds = sw.Elapsed.TotalSeconds;

        sw.Restart();
        progress?.Report(new SweepProgress("continuation", 0, 1));
        int added = GridContinuation.Close(grid, points, ct);
        double continuationSeconds = sw.Elapsed.TotalSeconds;

        sw.Restart();
        var analysis = new BifurcationAnalysis(grid, refine, adaptiveDepth, threads);
        var bifurcations = analysis.Detect(points, progress, ct);
        double detectionSeconds = sw.Elapsed.TotalSeconds;

        long candidates = points.Values.Sum(p => p.Candidates) + analysis.RefinedCandidates;
        var stats = new SweepStats(grid.PointCount, analysis.RefinedPoints, candidates, added, gridSeconds, continuationSeconds, detectionSeconds, threads, refine, adaptiveDepth);
        return new SweepResult(grid, points, bifurcations, stats);
    }

    /// <summary>Computes every grid point, tile by tile.</summary>
    public Dictionary<int, PointResult> ComputeGrid(SweepGrid grid, IProgress<SweepProgress>? progress, CancellationToken ct)
    {
        var analyzer = new PointAnalyzer(spec) { WarmStart = WarmStart };
        var runner = new TileRunner(grid, analyzer);
        var results = new ConcurrentDictionary<int, PointResult>();
        long done = 0;
        Parallel.For(0, grid.TileCount, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, tile =>
        {
            runner.Run(tile, [], r =>
            {
                results[r.Index] = r;
                progress?.Report(new SweepProgress("grid", Interlocked.Increment(ref done), grid.PointCount));
            }, ct);
        });
        return new Dictionary<int, PointResult>(results);
    }
}
