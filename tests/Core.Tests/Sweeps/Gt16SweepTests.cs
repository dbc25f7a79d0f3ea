using Scyfi.Core.Sweeps;
using Scyfi.Core.Tests.Support;
using Xunit;

namespace Scyfi.Core.Tests.Sweeps;

/// <summary>GT16, the ground truth of the training experiment, on an a11 × a22 grid to order 16.</summary>
public class Gt16SweepTests
{
    [Fact]
    public void Sweep_to_order_16_maps_the_region_of_the_stable_16_cycle()
    {
        // A 5×5 grid centred on GT16's own (a11, a22), where the stable 16-cycle is the attractor.
        const double a11 = 0.8377689000000008, a22 = 0.96461297;
        string model = File.ReadAllText(TestData.ModelPath("gt16"));
        string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var spec = SweepSpec.Parse(
            "{\"model\": " + model + ", \"maxOrder\": 16," +
            "\"axes\": [{\"name\":\"a11\",\"from\":" + F(a11 - 0.02) + ",\"to\":" + F(a11 + 0.02) + ",\"points\":5}," +
            "{\"name\":\"a22\",\"from\":" + F(a22 - 0.004) + ",\"to\":" + F(a22 + 0.004) + ",\"points\":5}]," +
            "\"set\": {\"A[0]\": {\"a11\": 1}, \"A[1]\": {\"a22\": 1}}," +
            "\"tile\": 3, \"finder\": {\"outer\": 10, \"inner\": 200, \"seed\": 2}}");
        var r = new SweepEngine(spec, threads: 2).Run();
        var centre = r.Points[r.Grid.Index(2, 2)];
        Assert.Equal(1, centre.Stable(16));
        Assert.Equal(2, centre.Count(16));
        Assert.Equal("stable 16-cycle + unstable FP + saddle 16-cycle", Regime.Of(centre));
        // The 16-cycle's region is bounded inside the grid: it ends at bifurcations of order 16.
        Assert.Contains(r.Points.Values, p => p.Count(16) == 0);
        Assert.Contains(r.Bifurcations, b => b.Order == 16);
    }
}
