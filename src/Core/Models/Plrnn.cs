namespace Scyfi.Core.Models;

/// <summary>
/// Vanilla PLRNN, z' = A z + W relu(z) + h, with A given as a diagonal (vector) or a full matrix
/// and W any M×M matrix. Switching unit s is z_s; regions are the 2^M orthants.
/// </summary>
public sealed class Plrnn : ReluModel
{
    /// <summary>Builds the model; parameters are named A, W, h.</summary>
    public Plrnn(ParameterArray a, ParameterArray w, ParameterArray h)
        : base([a, w, h], BuildForm(a, w, h)) { }

    /// <inheritdoc/>
    public override string Type => "plrnn";
    /// <inheritdoc/>
    public override bool EveryPatternRealisable => true;

    private static ReluForm BuildForm(ParameterArray a, ParameterArray w, ParameterArray h)
    {
        int m = h.Rows;
        double[] l = a.IsVector ? Diagonal(m, a.Data) : a.Data;
        var g = new double[m * m];
        for (int i = 0; i < m; i++) g[i * m + i] = 1.0;
        return new ReluForm(m, m, l, w.Data, g, new double[m], h.Data);
    }

    /// <inheritdoc/>
    public override ReluModel WithParameters(IReadOnlyList<ParameterArray> p) => new Plrnn(p[0], p[1], p[2]);

    /// <inheritdoc/>
    public override string SwitchingUnitName(int s) => $"z{s + 1}";
}
