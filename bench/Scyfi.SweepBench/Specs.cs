using System.Globalization;
using Scyfi.Core.Sweeps;

namespace Scyfi.SweepBench;

internal static class Specs
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static SweepSpec OneSwitch(int n, int maxOrder, int tile = 16, int outer = 10, int inner = 50) => SweepSpec.Parse(
        "{\"model\": {\"type\":\"plrnn\",\"A\":[[0,0.8],[-0.4,0.2]],\"W\":[[0,0],[0.9,0]],\"h\":[0.214,0]}," +
        $"\"maxOrder\": {maxOrder}," +
        $"\"axes\": [{{\"name\":\"a_l\",\"from\":-1,\"to\":1.8,\"points\":{n}}},{{\"name\":\"a_r\",\"from\":-2,\"to\":0.8,\"points\":{n}}}]," +
        "\"set\": {\"A[0,0]\": {\"a_l\": 1}, \"W[0,0]\": {\"a_l\": -1, \"a_r\": 1}}," +
        $"\"tile\": {tile}, \"finder\": {{\"outer\": {outer}, \"inner\": {inner}, \"seed\": 1}}}}");

    public static SweepSpec Gt16(int n, int outer = 10, int inner = 200)
    {
        string model = File.ReadAllText(Path.Combine(Root(), "examples", "gt16.json"));
        return SweepSpec.Parse("{\"model\": " + model + ", \"maxOrder\": 16," +
            $"\"axes\": [{{\"name\":\"a11\",\"from\":{F(0.80)},\"to\":{F(0.88)},\"points\":{n}}},{{\"name\":\"a22\",\"from\":{F(0.95)},\"to\":{F(0.98)},\"points\":{n}}}]," +
            "\"set\": {\"A[0]\": {\"a11\": 1}, \"A[1]\": {\"a22\": 1}}," +
            $"\"tile\": 4, \"finder\": {{\"outer\": {outer}, \"inner\": {inner}, \"seed\": 1}}}}");
    }

    /// <summary>The repository root (the folder holding Scyfi.sln).</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scyfi.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
