namespace Scyfi.Core.Models;

/// <summary>
/// Clipped shPLRNN, z' = A∘z + W1 [relu(W2 z + h2) − relu(W2 z)] + h1. It has 2L switching units:
/// (W2 z + h2)_l for l &lt; L and (W2 z)_l for the second half; in the canonical form the second
/// half carries the columns −W1, so each bracket is bounded and orbits stay bounded for |A| &lt; 1.
/// </summary>
public sealed class ClippedShallowPlrnn : ReluModel
{
    /// <summary>Builds the model; parameters are named A, W1, W2, h1, h2.</summary>
    public ClippedShallowPlrnn(ParameterArray a, ParameterArray w1, ParameterArray w2, ParameterArray h1, ParameterArray h2)
        : base([a, w1, w2, h1, h2], BuildForm(a, w1, w2, h1, h2)) { }

    /// <summary>Number of hidden units L (the model has 2L switching units).</summary>
    public int Hidden => Form.S / 2;

    /// <inheritdoc/>
    public override string Type => "clipped-shplrnn";
    /// <inheritdoc/>
    public override bool EveryPatternRealisable => false;

    private static ReluForm BuildForm(ParameterArray a, ParameterArray w1, ParameterArray w2, ParameterArray h1, ParameterArray h2)
    {
        int m = h1.Rows, hidden = h2.Rows, s = 2 * hidden;
        double[] l = a.IsVector ? Diagonal(m, a.Data) : a.Data;
        var v = new double[m * s];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < hidden; k++)
            {
                v[i * s + k] = w1.Data[i * hidden + k];
                v[i * s + hidden + k] = -w1.Data[i * hidden + k];
            }
        var g = new double[s * m];
        w2.Data.AsSpan().CopyTo(g);
        w2.Data.AsSpan().CopyTo(g.AsSpan(hidden * m));
        var goff = new double[s];
        h2.Data.AsSpan().CopyTo(goff);
        return new ReluForm(m, s, l, v, g, goff, h1.Data);
    }

    /// <inheritdoc/>
    public override ReluModel WithParameters(IReadOnlyList<ParameterArray> p) => new ClippedShallowPlrnn(p[0], p[1], p[2], p[3], p[4]);

    /// <inheritdoc/>
    public override string SwitchingUnitName(int s) => s < Hidden
        ? $"hidden unit {s + 1} (W2 row {s + 1} + h2[{s}])"
        : $"clip unit {s - Hidden + 1} (W2 row {s - Hidden + 1})";
}
