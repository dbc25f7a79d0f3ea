using System.Globalization;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>Sweep results made up without running the finder: large grids and many regimes, in no time.</summary>
internal static class SyntheticSweeps
{
    private static readonly BifurcationDetail Detail = new("vanishes", [], null, null, null, null, [], []);

    /// <summary>An object of order k with stability s (points at the origin).</summary>
    public static PointObject Object(int k, Stability s) =>
        new(k, [0UL], new double[2 * k], new double[2], new double[2], s, 0.5, 1, 0);

    /// <summary>A 2-D result over axes x (from x0 to x1) and y (0..2) whose point objects come from a function of the axis values.</summary>
    public static SweepResult TwoD(int nx, int ny, double x0, double x1, Func<double, double, PointObject[]> objects, IReadOnlyList<Bifurcation>? bifurcations = null)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string json = "{\"model\": {\"type\": \"plrnn\", \"A\": [0.5, 0.2], \"W\": [[-2.0, 0.0], [0.9, 0.0]], \"h\": [0.2, 0.0]}, \"maxOrder\": 8, "
            + $"\"axes\": [{{\"name\": \"x\", \"from\": {F(x0)}, \"to\": {F(x1)}, \"points\": {nx}}}, {{\"name\": \"y\", \"from\": 0, \"to\": 2, \"points\": {ny}}}], "
            + "\"set\": {\"A[0]\": {\"x\": 1.0}, \"A[1]\": {\"y\": 1.0}}}";
        var grid = new SweepGrid(SweepSpec.Parse(json));
        var points = new Dictionary<int, PointResult>(grid.PointCount);
        for (int i = 0; i < grid.PointCount; i++)
        {
            var v = grid.AxisValues(i);
            points[i] = new PointResult(i, objects(v[0], v[1]), 0, 0);
        }
        var stats = new SweepStats(grid.PointCount, 0, 0, 0, 0, 0, 0, 1, RefineMode.Edges, 0);
        return new SweepResult(grid, points, bifurcations ?? [], stats);
    }

    /// <summary>A bifurcation of a type at (x, y).</summary>
    public static Bifurcation At(double x, double y, string type) =>
        new(new Dictionary<string, double> { ["x"] = x, ["y"] = y }, type, 1, Detail);
}
