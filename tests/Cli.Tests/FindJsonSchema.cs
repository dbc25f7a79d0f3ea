using System.Text.Json;

namespace Scyfi.Cli.Tests;

/// <summary>
/// The documented shape of <c>scyfi find --json</c> (issue 2):
/// {"model":{type,dimension,switchingUnits},"orders":[..],"objects":[{order,points,itinerary,eigenvalues,
/// spectralRadius,stability,residual}],"degenerate":n,"stats":{candidates,seconds,threads,seed}}.
/// Extra fields are allowed; missing or mistyped ones fail.
/// </summary>
internal static class FindJsonSchema
{
    private static readonly string[] Labels = ["stable", "unstable", "saddle", "non-hyperbolic"];

    /// <summary>Parses stdout as exactly one JSON document (trailing text of any kind fails) and checks its schema.</summary>
    public static JsonDocument ParseAndValidate(CliResult r, int threads, ulong seed)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        Assert.StartsWith("{", r.Stdout, StringComparison.Ordinal);
        var doc = JsonDocument.Parse(r.Stdout);
        Validate(doc.RootElement, threads, seed);
        return doc;
    }

    public static void Validate(JsonElement root, int threads, ulong seed)
    {
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var model = root.GetProperty("model");
        Assert.Equal(JsonValueKind.String, model.GetProperty("type").ValueKind);
        int m = model.GetProperty("dimension").GetInt32();
        int s = model.GetProperty("switchingUnits").GetInt32();
        Assert.InRange(m, 1, int.MaxValue);
        Assert.InRange(s, 0, int.MaxValue);

        var orders = root.GetProperty("orders").EnumerateArray().Select(o => o.GetInt32()).ToArray();
        Assert.NotEmpty(orders);
        Assert.Equal(orders.Order().Distinct(), orders);

        foreach (var o in root.GetProperty("objects").EnumerateArray()) ValidateObject(o, m, s, orders);

        Assert.InRange(root.GetProperty("degenerate").GetInt32(), 0, int.MaxValue);
        var stats = root.GetProperty("stats");
        Assert.InRange(stats.GetProperty("candidates").GetInt64(), 0, long.MaxValue);
        Assert.InRange(stats.GetProperty("seconds").GetDouble(), 0, double.MaxValue);
        Assert.Equal(threads, stats.GetProperty("threads").GetInt32());
        Assert.Equal(seed, stats.GetProperty("seed").GetUInt64());
    }

    private static void ValidateObject(JsonElement o, int m, int s, int[] orders)
    {
        int k = o.GetProperty("order").GetInt32();
        Assert.Contains(k, orders);

        var points = CycleObject.ReadPoints(o.GetProperty("points"));
        Assert.Equal(k, points.Length);
        Assert.All(points, p => Assert.Equal(m, p.Length));
        Assert.All(points.SelectMany(p => p), x => Assert.True(double.IsFinite(x)));

        var itinerary = o.GetProperty("itinerary").EnumerateArray().Select(b => b.GetString()!).ToArray();
        Assert.Equal(k, itinerary.Length);
        Assert.All(itinerary, bits => Assert.Matches($"^[01]{{{s}}}$", bits));

        var eigenvalues = o.GetProperty("eigenvalues").EnumerateArray().Select(e => e.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
        Assert.Equal(m, eigenvalues.Length);
        Assert.All(eigenvalues, e => Assert.Equal(2, e.Length));
        var moduli = eigenvalues.Select(e => Math.Sqrt(e[0] * e[0] + e[1] * e[1])).ToArray();

        double rho = o.GetProperty("spectralRadius").GetDouble();
        Assert.True(CycleObject.Close(moduli.Max(), rho), $"spectralRadius {rho} is not the largest |eigenvalue| {moduli.Max()}");

        string stability = o.GetProperty("stability").GetString()!;
        Assert.Contains(stability, Labels);
        Assert.Equal(ExpectedLabel(moduli), stability);

        double residual = o.GetProperty("residual").GetDouble();
        double scale = 1 + points.SelectMany(p => p).Max(Math.Abs);
        Assert.InRange(residual, 0, 1e-9 * scale);
    }

    /// <summary>The labelling rule of the issue: non-hyperbolic first (some |λ| within 1e-9 of 1).</summary>
    private static string ExpectedLabel(double[] moduli)
    {
        if (moduli.Any(r => Math.Abs(r - 1) <= 1e-9)) return "non-hyperbolic";
        if (moduli.All(r => r < 1)) return "stable";
        if (moduli.All(r => r > 1)) return "unstable";
        return "saddle";
    }
}
