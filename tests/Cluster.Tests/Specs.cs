using System.Globalization;
using Scyfi.Core.Sweeps;

namespace Scyfi.Cluster.Tests;

/// <summary>Small sweeps with many tiles, so that failures hit tiles in flight.</summary>
internal static class Specs
{
    /// <summary>The one-switch system on an n×n grid in tiles of the given size, orders 1..<paramref name="maxOrder"/>.</summary>
    public static SweepSpec OneSwitch(int n, int tile, int maxOrder = 2) => SweepSpec.Parse(
        "{\"model\": {\"type\":\"plrnn\",\"A\":[[0,0.8],[-0.4,0.2]],\"W\":[[0,0],[0.9,0]],\"h\":[0.214,0]}," +
        "\"maxOrder\": " + maxOrder.ToString(CultureInfo.InvariantCulture) + "," +
        "\"axes\": [{\"name\":\"a_l\",\"from\":-1,\"to\":1.8,\"points\":" + n.ToString(CultureInfo.InvariantCulture) + "}," +
        "{\"name\":\"a_r\",\"from\":-2,\"to\":0.8,\"points\":" + n.ToString(CultureInfo.InvariantCulture) + "}]," +
        "\"set\": {\"A[0,0]\": {\"a_l\": 1}, \"W[0,0]\": {\"a_l\": -1, \"a_r\": 1}}," +
        "\"tile\": " + tile.ToString(CultureInfo.InvariantCulture) + ", \"finder\": {\"outer\": 10, \"inner\": 60, \"seed\": 4}}");
}
