using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// Builds Scyfi models from stored arrays once a layout has said which array plays which role.
/// Shared by every format, so the checks (shapes, W1/W2 by shape, finite values) are the same everywhere.
/// </summary>
internal static class ModelAssembly
{
    /// <summary>shPLRNN or clipped shPLRNN: z' = A∘z + W1 φ(W2 z + h2) + h1.</summary>
    public static ReluModel Shallow(CheckpointSource src, bool clipped, StoredArray a, StoredArray storedW1, StoredArray storedW2,
        StoredArray h1, StoredArray h2, ImportOptions options, bool orderIsDeclared)
    {
        int m = Length(src, h1, "h1, one entry per state unit");
        int l = Length(src, h2, "h2, one entry per hidden unit");
        var pa = ParameterReader.Vector(src, a, "A", m, $"M = {m}");
        var (w1s, w2s) = ShallowWeights.Resolve(src, storedW1, storedW2, m, l, options.W1, orderIsDeclared);
        var w1 = ParameterReader.Matrix(src, w1s, "W1", m, l, $"M×L = {m}×{l}");
        var w2 = ParameterReader.Matrix(src, w2s, "W2", l, m, $"L×M = {l}×{m}");
        var ph1 = ParameterReader.Vector(src, h1, "h1", m, $"M = {m}");
        var ph2 = ParameterReader.Vector(src, h2, "h2", l, $"L = {l}");
        return clipped ? new ClippedShallowPlrnn(pa, w1, w2, ph1, ph2) : new ShallowPlrnn(pa, w1, w2, ph1, ph2);
    }

    /// <summary>Vanilla PLRNN from separate A (diagonal or full), W and h.</summary>
    public static ReluModel Plrnn(CheckpointSource src, StoredArray a, StoredArray w, StoredArray h)
    {
        int m = Length(src, h, "h, one entry per state unit");
        return new Plrnn(ParameterReader.VectorOrSquare(src, a, "A", m), ParameterReader.Matrix(src, w, "W", m, m, $"M×M = {m}×{m}"),
            ParameterReader.Vector(src, h, "h", m, $"M = {m}"));
    }

    /// <summary>
    /// Vanilla PLRNN from the combined matrix AW of the dendPLRNN PyTorch code: A is its diagonal and W
    /// its off-diagonal part (that code's get_latent_parameters).
    /// </summary>
    public static ReluModel PlrnnFromCombined(CheckpointSource src, StoredArray aw, StoredArray h)
    {
        ParameterReader.EnsureReadable(src, aw);
        if (aw.Rank != 2 || aw.Shape[0] != aw.Shape[1] || aw.Shape[0] == 0)
            throw src.Fail($"'{aw.Name}' is {aw.ShapeText}, expected a square M×M matrix (A on its diagonal, W off it)");
        int m = aw.Shape[0];
        var ph = ParameterReader.Vector(src, h, "h", m, $"M = {m} (the size of AW)");
        double[] values = ParameterReader.Values(src, aw);
        var a = new double[m];
        var w = (double[])values.Clone();
        for (int i = 0; i < m; i++)
        {
            a[i] = values[i * m + i];
            w[i * m + i] = 0;
        }
        return new Plrnn(ParameterArray.Vector("A", a), new ParameterArray("W", m, m, false, w), ph);
    }

    /// <summary>ALRNN; <paramref name="reluCount"/> gets M and returns P (so it can check P against M).</summary>
    public static ReluModel Alrnn(CheckpointSource src, StoredArray a, StoredArray w, StoredArray h, Func<int, int> reluCount)
    {
        int m = Length(src, h, "h, one entry per state unit");
        var pa = ParameterReader.VectorOrSquare(src, a, "A", m);
        var pw = ParameterReader.Matrix(src, w, "W", m, m, $"M×M = {m}×{m}");
        var ph = ParameterReader.Vector(src, h, "h", m, $"M = {m}");
        return new Alrnn(pa, pw, ph, reluCount(m));
    }

    private static int Length(CheckpointSource src, StoredArray v, string what)
    {
        ParameterReader.EnsureReadable(src, v);
        if (v.Rank != 1 || v.Shape[0] == 0) throw src.Fail($"'{v.Name}' is {v.ShapeText}, expected a non-empty vector ({what})");
        return v.Shape[0];
    }
}
