using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// Recognises the parameter layouts of the known PyTorch/NumPy code bases (science.md §9) by the last
/// part of each array's name, within one prefix (module path):
/// <list type="bullet">
/// <item><c>AW</c> (M×M) + <c>h</c>: dendPLRNN/MTF PLRNN step, A = diagonal of AW, W = the rest; only
/// imported when the run is known not to mean-centre or clip.</item>
/// <item><c>A</c>, <c>W1</c>, <c>W2</c>, <c>h1</c>, <c>h2</c> (<c>AW</c> a vector alias of A): shPLRNN.</item>
/// <item><c>A</c>, <c>W</c>, <c>h</c> (+ <c>B</c>): ALRNN, with P from the checkpoint, the user or the name.</item>
/// </list>
/// Dendritic bases (<c>alphas</c>, <c>thetas</c>) are refused. Other arrays (observation model, z0 model,
/// optimizer state) are ignored.
/// </summary>
internal static class NamedArrayLayouts
{
    private enum Layout { None, Combined, Shallow, Almost }

    public static ReluModel Build(CheckpointContents contents, ImportOptions options, Func<TrainingHypers?> hypers)
    {
        var src = contents.Source;
        var groups = contents.Arrays.Values
            .GroupBy(a => CheckpointContents.Split(a.Name).Prefix, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Prefix: g.Key, Arrays: g.ToDictionary(a => CheckpointContents.Split(a.Name).Leaf, StringComparer.Ordinal)))
            .ToList();
        var candidates = groups.Select(g => (g.Prefix, g.Arrays, Kind: Classify(g.Arrays))).Where(g => g.Kind != Layout.None).ToList();

        if (candidates.Count == 0)
        {
            var dendritic = groups.FirstOrDefault(g => IsDendritic(g.Arrays));
            if (dendritic.Arrays is not null) throw Dendritic(src, dendritic.Arrays);
            throw src.Fail($"it holds no model layout Scyfi knows (arrays: {List(contents.Arrays.Keys)}); expected AW and h (PLRNN, dendPLRNN code), " +
                "A, W1, W2, h1, h2 (shPLRNN) or A, W, h (ALRNN) under one prefix");
        }
        if (candidates.Count > 1)
            throw src.Fail($"it holds {candidates.Count} models ({string.Join(", ", candidates.Select(c => $"a {Name(c.Kind)} under '{c.Prefix}'"))}); Scyfi imports one model per checkpoint");

        var (prefix, arrays, kind) = candidates[0];
        if (IsDendritic(arrays)) throw Dendritic(src, arrays);
        if (options.ReluCount is not null && kind != Layout.Almost)
            throw src.Fail($"--relu-count is for ALRNN checkpoints (A, W, h), but this one is a {Name(kind)}");
        if (options.W1 is not null && kind != Layout.Shallow)
            throw src.Fail($"--w1 is for shPLRNN checkpoints (W1, W2), but this one is a {Name(kind)}");

        StoredArray Need(string leaf) => arrays.TryGetValue(leaf, out var a) ? a
            : throw src.Fail($"'{CheckpointContents.Join(prefix, leaf)}' is missing (a {Name(kind)} needs {Needs(kind)})");

        switch (kind)
        {
            case Layout.Combined:
                PlainPlrnnCheck.Ensure(contents, prefix, hypers);
                return ModelAssembly.PlrnnFromCombined(src, arrays["AW"], arrays["h"]);
            case Layout.Shallow:
                return ModelAssembly.Shallow(src, clipped: false, ShallowA(src, arrays, prefix), arrays["W1"], arrays["W2"], Need("h1"), Need("h2"),
                    options, orderIsDeclared: false);
            default:
            {
                var (stored, where) = StoredReluCount(contents, prefix, arrays);
                return ModelAssembly.Alrnn(src, arrays["A"], arrays["W"], arrays["h"], m => ReluCountResolver.Resolve(src, m, stored, where, options));
            }
        }
    }

    private static Layout Classify(Dictionary<string, StoredArray> g)
    {
        if (g.ContainsKey("W1") && g.ContainsKey("W2")) return Layout.Shallow;
        if (g.TryGetValue("AW", out var aw) && aw.Rank == 2 && g.ContainsKey("h")) return Layout.Combined;
        if (g.ContainsKey("A") && g.ContainsKey("W") && g.ContainsKey("h")) return Layout.Almost;
        return Layout.None;
    }

    /// <summary>The shPLRNN's A: stored as A, or as AW, which the MTF shallow step registers as an alias of the same vector.</summary>
    private static StoredArray ShallowA(CheckpointSource src, Dictionary<string, StoredArray> g, string prefix)
    {
        g.TryGetValue("A", out var a);
        g.TryGetValue("AW", out var aw);
        if (aw is not null && aw.Rank != 1)
            throw src.Fail($"'{aw.Name}' is {aw.ShapeText}, but beside W1 and W2 AW is the shPLRNN's A under another name and must be a vector");
        if (a is null && aw is null) throw src.Fail($"'{CheckpointContents.Join(prefix, "A")}' is missing (a shPLRNN needs A, W1, W2, h1, h2)");
        if (a is not null && aw is not null)
        {
            var va = ParameterReader.Values(src, a);
            var vaw = ParameterReader.Values(src, aw);
            if (!va.AsSpan().SequenceEqual(vaw))
                throw src.Fail($"'{a.Name}' and '{aw.Name}' differ, but AW is only an alias of A in the shPLRNN code; which one is the model's A is unclear");
        }
        return a ?? aw!;
    }

    private static (int? P, string? Where) StoredReluCount(CheckpointContents contents, string prefix, Dictionary<string, StoredArray> g)
    {
        foreach (string leaf in new[] { "P", "reluCount", "relu_count" })
        {
            string key = CheckpointContents.Join(prefix, leaf);
            if (contents.Attributes.TryGetValue(key, out var v) && v is int or long)
                return ((int)Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture), $"attribute {key}");
            if (g.TryGetValue(leaf, out var a) && ParameterReader.Integer(a) is int p) return (p, $"array {a.Name}");
        }
        return (null, null);
    }

    private static bool IsDendritic(Dictionary<string, StoredArray> g) => g.ContainsKey("alphas") || g.ContainsKey("thetas");

    private static ScyfiInputException Dendritic(CheckpointSource src, Dictionary<string, StoredArray> g)
    {
        var names = g.Where(kv => kv.Key is "alphas" or "thetas").Select(kv => $"'{kv.Value.Name}'").Order(StringComparer.Ordinal);
        return src.Fail($"it is a dendritic PLRNN (dendPLRNN: {string.Join(" and ", names)} are the bases Σ_b α_b relu(z + θ_b)); " +
            "Scyfi cannot represent dendritic bases exactly and refuses rather than analyse it as a plain PLRNN");
    }

    private static string Name(Layout k) => k switch
    {
        Layout.Combined => "PLRNN (AW, h)",
        Layout.Shallow => "shPLRNN (A, W1, W2, h1, h2)",
        _ => "ALRNN (A, W, h)",
    };

    private static string Needs(Layout k) => k switch
    {
        Layout.Combined => "AW and h",
        Layout.Shallow => "A, W1, W2, h1, h2",
        _ => "A, W, h",
    };

    private static string List(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToList();
        if (sorted.Count == 0) return "none";
        return string.Join(", ", sorted.Take(12)) + (sorted.Count > 12 ? $", … ({sorted.Count} in all)" : "");
    }
}
