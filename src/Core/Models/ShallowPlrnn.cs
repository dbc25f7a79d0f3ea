namespace Scyfi.Core.Models;

/// <summary>
/// Shallow PLRNN, z' = A∘z + W1 relu(W2 z + h2) + h1 (W1: M×L, W2: L×M). Switching unit l is the
/// hidden pre-activation (W2 z + h2)_l; most of the 2^L patterns are empty, so the finder draws
/// from a pool of realisable ones.
/// </summary>
public sealed class ShallowPlrnn : ReluModel
{
    /// <summary>Builds the model; parameters are named A, W1, W2, h1, h2.</summary>
    public ShallowPlrnn(ParameterArray a, ParameterArray w1, ParameterArray w2, ParameterArray h1, ParameterArray h2)
        : base([a, w1, w2, h1, h2], BuildForm(a, w1, w2, h1, h2)) { }

    /// <summary>Number of hidden units L.</summary>
    public int Hidden => Form.S;

    /// <inheritdoc/>
    public override string Type => "shplrnn";
    /// <inheritdoc/>
    public override bool EveryPatternRealisable => false;

    private static ReluForm BuildForm(ParameterArray a, ParameterArray w1, ParameterArray w2, ParameterArray h1, ParameterArray h2)
    {
        int m = h1.Rows;
        double[] l = a.IsVector ? Diagonal(m, a.Data) : a.Data;
        return new ReluForm(m, h2.Rows, l, w1.Data, w2.Data, h2.Data, h1.Data);
    }

    /// <inheritdoc/>
    public override ReluModel WithParameters(IReadOnlyList<ParameterArray> p) => new ShallowPlrnn(p[0], p[1], p[2], p[3], p[4]);

    /// <inheritdoc/>
    public override string SwitchingUnitName(int s) => $"hidden unit {s + 1} (W2 row {s + 1}, h2[{s}])";
}
