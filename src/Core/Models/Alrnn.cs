namespace Scyfi.Core.Models;

/// <summary>
/// Almost-linear RNN: z' = A∘z + W φ̃(z) + h where φ̃ is the identity on the first M−P units and a
/// ReLU on the last P ("reluCount"). The identity part folds into the linear term of the
/// canonical form; only the last P coordinates switch.
/// </summary>
public sealed class Alrnn : ReluModel
{
    /// <summary>Builds the model; A is the diagonal vector.</summary>
    public Alrnn(ParameterArray a, ParameterArray w, ParameterArray h, int reluCount)
        : base([a, w, h], BuildForm(a, w, h, reluCount))
    {
        ReluCount = reluCount;
    }

    /// <summary>P, the number of trailing units with a ReLU.</summary>
    public int ReluCount { get; }

    /// <inheritdoc/>
    public override string Type => "alrnn";
    /// <inheritdoc/>
    public override bool EveryPatternRealisable => true;

    private static ReluForm BuildForm(ParameterArray a, ParameterArray w, ParameterArray h, int p)
    {
        int m = h.Rows, first = m - p;
        double[] l = a.IsVector ? Diagonal(m, a.Data) : (double[])a.Data.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < first; j++)
                l[i * m + j] += w.Data[i * m + j];
        var v = new double[m * p];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < p; k++)
                v[i * p + k] = w.Data[i * m + first + k];
        var g = new double[p * m];
        for (int k = 0; k < p; k++) g[k * m + first + k] = 1.0;
        return new ReluForm(m, p, l, v, g, new double[p], h.Data);
    }

    /// <inheritdoc/>
    public override ReluModel WithParameters(IReadOnlyList<ParameterArray> p) => new Alrnn(p[0], p[1], p[2], ReluCount);

    /// <inheritdoc/>
    public override string SwitchingUnitName(int s) => $"z{Dimension - ReluCount + s + 1}";
}
