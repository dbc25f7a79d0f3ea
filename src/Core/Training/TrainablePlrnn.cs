using Scyfi.Core.Linear;
using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Training;

/// <summary>
/// PLRNN z' = A∘z + W relu(z) + h and ALRNN z' = A∘z + W φ̃(z) + h (φ̃ the identity on the first
/// M − P units, relu on the last P): one class, since the PLRNN is the ALRNN with P = M.
/// Parameters A (diagonal, M), W (M×M), h (M). The diagonal of W is fixed: for the linear units of
/// an ALRNN it would duplicate A exactly, and the PLRNN convention (science.md §1.1) keeps it at 0.
/// Initialisation: A + W from <see cref="TrainableModel.NormalizedPositiveDefinite"/> (A its
/// diagonal, W the rest), h = 0.
/// </summary>
public sealed class TrainablePlrnn : TrainableModel
{
    private readonly int _first;           // units j < _first are linear (ALRNN); 0 for a PLRNN
    private readonly bool _alrnn;
    private readonly int _oW, _oH;
    private readonly double[] _r, _s;

    private TrainablePlrnn(int m, int reluCount, bool alrnn)
        : base(m, [("A", m, 1, true), ("W", m, m, false), ("h", m, 1, true)])
    {
        if (m < 1) throw new ScyfiInputException($"--latent must be at least 1 (got {m})");
        if (reluCount < 0 || reluCount > m) throw new ScyfiInputException($"--relu-count must lie between 0 and M = {m} (got {reluCount})");
        ReluCount = reluCount;
        _first = m - reluCount;
        _alrnn = alrnn;
        _oW = m;
        _oH = m + m * m;
        _r = new double[m];
        _s = new double[m];
        for (int i = 0; i < m; i++) Fix(_oW + i * m + i);
    }

    /// <summary>P, the number of trailing units with a relu (M for a PLRNN).</summary>
    public int ReluCount { get; }

    /// <inheritdoc/>
    public override string Type => _alrnn ? "alrnn" : "plrnn";

    internal static TrainablePlrnn Initialised(int m, int reluCount, bool alrnn, ref Xoshiro256 rng)
    {
        var model = new TrainablePlrnn(m, reluCount, alrnn);
        var k = NormalizedPositiveDefinite(m, ref rng);
        var theta = model.Parameters;
        for (int i = 0; i < m; i++)
        {
            theta[i] = k[i * m + i];
            for (int j = 0; j < m; j++)
                if (i != j) theta[model._oW + i * m + j] = k[i * m + j];
        }
        return model;
    }

    internal static TrainablePlrnn From(IReadOnlyList<ParameterArray> p, int m, int reluCount, bool alrnn)
    {
        if (!p[0].IsVector) throw new ScyfiInputException("training needs a diagonal A (given as a vector); this model has a full A matrix");
        var model = new TrainablePlrnn(m, reluCount, alrnn);
        foreach (var a in p) model.Load(a);
        return model;
    }

    /// <inheritdoc/>
    public override void Step(ReadOnlySpan<double> z, Span<double> next)
    {
        int m = M;
        ReadOnlySpan<double> theta = Parameters;
        Activate(z);
        for (int i = 0; i < m; i++)
            next[i] = theta[i] * z[i] + theta[_oH + i] + VectorOps.Dot(theta.Slice(_oW + i * m, m), _r);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> delta, Span<double> gradZ, Span<double> gradTheta)
    {
        int m = M;
        ReadOnlySpan<double> theta = Parameters;
        Activate(z);
        Span<double> s = _s;
        s.Clear();
        for (int i = 0; i < m; i++)
        {
            double d = delta[i];
            gradTheta[i] += d * z[i];                 // ∂/∂A_i
            gradTheta[_oH + i] += d;                  // ∂/∂h_i
            if (d == 0) continue;
            VectorOps.Axpy(d, _r, gradTheta.Slice(_oW + i * m, m));        // ∂/∂W_ij = δ_i φ̃(z_j)
            VectorOps.Axpy(d, theta.Slice(_oW + i * m, m), s);             // s = Wᵀ δ
        }
        for (int j = 0; j < m; j++)
            gradZ[j] = theta[j] * delta[j] + (j < _first || z[j] > 0 ? s[j] : 0.0);
    }

    private void Activate(ReadOnlySpan<double> z)
    {
        for (int j = 0; j < M; j++) _r[j] = j < _first ? z[j] : Math.Max(z[j], 0.0);
    }

    /// <inheritdoc/>
    public override ReluModel ToModel(ReadOnlySpan<double> theta)
    {
        var a = Extract(theta, "A");
        var w = Extract(theta, "W");
        var h = Extract(theta, "h");
        return _alrnn ? new Alrnn(a, w, h, ReluCount) : new Plrnn(a, w, h);
    }
}
