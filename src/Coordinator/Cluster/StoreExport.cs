using System.Text.Json;
using Scyfi.Coordinator.Exports;
using Scyfi.Coordinator.Store;
using Scyfi.Core;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>Builds a finished sweep's result from the store and writes its exports.</summary>
public static class StoreExport
{
    /// <summary>The completed sweep as a <see cref="SweepResult"/> (spec, every point, bifurcations, stats).</summary>
    public static SweepResult Load(SweepStore store, string sweepId)
    {
        var row = store.GetSweep(sweepId) ?? throw store.NoSuchSweep(sweepId);
        if (row.State != "completed") throw new ScyfiInputException($"sweep '{sweepId}' is {row.State}, not completed ({row.TilesDone}/{row.TilesTotal} tiles); resume it first");
        var spec = SweepSpec.Parse(row.SpecJson);
        var grid = new SweepGrid(spec);
        var points = store.ReadPointsByIndex(sweepId);
        if (points.Count != grid.PointCount) throw new InvalidOperationException($"sweep '{sweepId}' has {points.Count} of {grid.PointCount} points in the store");
        var bifurcations = store.ReadBifurcations(sweepId);
        var stats = row.StatsJson is null
            ? new SweepStats(grid.PointCount, 0, points.Values.Sum(p => p.Candidates), 0, 0, 0, 0, 0, Enum.Parse<RefineMode>(row.Refine, true), row.AdaptiveDepth)
            : JsonSerializer.Deserialize<SweepStats>(row.StatsJson, ScyfiJsonSerializer.Options)!;
        return new SweepResult(grid, points, bifurcations, stats);
    }

    /// <summary>Writes the exports of a completed sweep into <paramref name="outDir"/>.</summary>
    public static SweepResult Write(SweepStore store, string sweepId, string outDir)
    {
        var result = Load(store, sweepId);
        var row = store.GetSweep(sweepId)!;
        SweepExport.Write(result, outDir, new Dictionary<string, double>
        {
            ["tilesTotal"] = row.TilesTotal,
            ["tilesComputed"] = row.TilesComputed,
            ["retries"] = row.Retries,
            ["wallSeconds"] = (row.Updated - row.Created).TotalSeconds,
        });
        return result;
    }
}
