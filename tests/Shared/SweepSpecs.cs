namespace Scyfi.Tests;

/// <summary>Sweep specs of the tests, self-contained (the model inline). Shared by the test projects (linked into each).</summary>
internal static class SweepSpecs
{
    /// <summary>
    /// The one-switch 2-D system of examples/oneswitch-sweep.json (orders 1..2) on a
    /// <paramref name="points"/>² grid in tiles of <paramref name="tile"/>² points: small tiles give
    /// many of them, so that the share of tiles computed twice after a crash is measurable.
    /// </summary>
    public static string OneSwitch(int points, int tile) => $$"""
        {
          "model": {"type": "plrnn", "A": [[0.5, 0.8], [-0.4, 0.2]], "W": [[-2.0, 0.0], [0.9, 0.0]], "h": [0.214, 0.0]},
          "maxOrder": 2,
          "axes": [ {"name": "a_l", "from": -1.0, "to": 1.8, "points": {{points}}},
                    {"name": "a_r", "from": -2.0, "to": 0.8, "points": {{points}}} ],
          "set":  { "A[0,0]": {"a_l": 1.0},
                    "W[0,0]": {"a_l": -1.0, "a_r": 1.0} },
          "tile": {{tile}},
          "finder": {"outer": 10, "inner": 50, "seed": 1}
        }
        """;
}
