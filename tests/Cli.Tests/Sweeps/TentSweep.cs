namespace Scyfi.Cli.Tests.Sweeps;

/// <summary>
/// The skew tent map swept over a_r ∈ [-2, 2] (science.md §7): a one-dimensional sweep with
/// known results (a stable 2-cycle at a_r = -2, a stable fixed point at 0, nothing at 2), quick
/// enough for command-line tests.
/// </summary>
internal static class TentSweep
{
    /// <summary>The model file the spec names as <c>tent.json</c>.</summary>
    public const string Model = """{"type":"plrnn","A":[[0.2]],"W":[[-1.7]],"h":[1]}""";

    /// <summary>The spec: <paramref name="points"/> grid points in tiles of 8, orders 1..2; <paramref name="model"/> a file name (quoted) or the model inline.</summary>
    public static string Spec(string model = "\"tent.json\"", int points = 41) =>
        "{\"model\": " + model + ", \"maxOrder\": 2," +
        "\"axes\": [{\"name\": \"a_r\", \"from\": -2, \"to\": 2, \"points\": " + points + "}]," +
        "\"set\": {\"W[0,0]\": {\"a_r\": 1, \"const\": -0.2}}," +
        "\"tile\": 8, \"finder\": {\"outer\": 10, \"inner\": 50, \"seed\": 1}}";
}
