using Scyfi.Core.Linear;
using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Training;

/// <summary>
/// Shallow PLRNN z' = A∘z + W1 relu(W2 z + h2) + h1, and its clipped variant
/// z' = A∘z + W1 [relu(W2 z + h2) − relu(W2 z)] + h1. Parameters A (M), W1 (M×L), W2 (L×M),
/// h1 (M), h2 (L). Initialisation: A the diagonal of <see cref="TrainableModel.NormalizedPositiveDefinite"/>,
/// W1 ~ U(±1/√L), W2 and h2 ~ U(±1/√M) (uniform in ±1/√fan-in, as the GTF-shPLRNN code does), h1 = 0.
/// </summary>
public sealed class TrainableShallowPlrnn : TrainableModel
{
    private readonly bool _clipped;
    private readonly int _l, _oW1, _oW2, _oH1, _oH2;
    private readonly double[] _u, _w, _r, _e;

    private TrainableShallowPlrnn(int m, int hidden, bool clipped)
        : base(m, [("A", m, 1, true), ("W1", m, hidden, false), ("W2", hidden, m, false), ("h1", m, 1, true), ("h2", hidden, 1, true)])
    {
        if (m < 1) throw new ScyfiInputException($"--latent must be at least 1 (got {m})");
        if (hidden < 1) throw new ScyfiInputException($"--hidden must be at least 1 (got {hidden})");
        _clipped = clipped;
        _l = hidden;
        _oW1 = m;
        _oW2 = m + m * hidden;
        _oH1 = _oW2 + hidden * m;
        _oH2 = _oH1 + m;
        _u = new double[hidden];
        _w = new double[hidden];
        _r = new double[hidden];
        _e = new double[hidden];
    }

    /// <summary>Number of hidden units L.</summary>
    public int Hidden => _l;

    /// <inheritdoc/>
    public override string Type => _clipped ? "clipped-shplrnn" : "shplrnn";

    internal static TrainableShallowPlrnn Initialised(int m, int hidden, bool clipped, ref Xoshiro256 rng)
    {
        var model = new TrainableShallowPlrnn(m, hidden, clipped);
        var k = NormalizedPositiveDefinite(m, ref rng);
        var theta = model.Parameters;
        for (int i = 0; i < m; i++) theta[i] = k[i * m + i];
        double r1 = 1 / Math.Sqrt(hidden), r2 = 1 / Math.Sqrt(m);
        for (int q = 0; q < m * hidden; q++) theta[model._oW1 + q] = r1 * (2 * rng.NextDouble() - 1);
        for (int q = 0; q < hidden * m; q++) theta[model._oW2 + q] = r2 * (2 * rng.NextDouble() - 1);
        for (int q = 0; q < hidden; q++) theta[model._oH2 + q] = r2 * (2 * rng.NextDouble() - 1);
        return model;
    }

    internal static TrainableShallowPlrnn From(IReadOnlyList<ParameterArray> p, int m, int hidden, bool clipped)
    {
        var model = new TrainableShallowPlrnn(m, hidden, clipped);
        foreach (var a in p) model.Load(a);
        return model;
    }

    /// <inheritdoc/>
    public override void Step(ReadOnlySpan<double> z, Span<double> next)
    {
        int m = M;
        ReadOnlySpan<double> theta = Parameters;
        ComputeHidden(z);
        for (int i = 0; i < m; i++)
            next[i] = theta[i] * z[i] + theta[_oH1 + i] + VectorOps.Dot(theta.Slice(_oW1 + i * _l, _l), _r);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> delta, Span<double> gradZ, Span<double> gradTheta)
    {
        int m = M, l = _l;
        ReadOnlySpan<double> theta = Parameters;
        ComputeHidden(z);
        Span<double> e = _e;
        e.Clear();
        for (int i = 0; i < m; i++)
        {
            double d = delta[i];
            gradTheta[i] += d * z[i];                 // ∂/∂A_i
            gradTheta[_oH1 + i] += d;                 // ∂/∂h1_i
            if (d == 0) continue;
            VectorOps.Axpy(d, _r, gradTheta.Slice(_oW1 + i * l, l));       // ∂/∂W1_il = δ_i r_l
            VectorOps.Axpy(d, theta.Slice(_oW1 + i * l, l), e);            // e = W1ᵀ δ
        }
        for (int j = 0; j < m; j++) gradZ[j] = theta[j] * delta[j];
        for (int q = 0; q < l; q++)
        {
            // ε_q = ∂L/∂(W2 z)_q: through relu(u_q) (u = W2 z + h2) and, clipped, minus relu(w_q) (w = W2 z).
            double on = _u[q] > 0 ? e[q] : 0.0;
            gradTheta[_oH2 + q] += on;
            double eps = on - (_clipped && _w[q] > 0 ? e[q] : 0.0);
            if (eps == 0) continue;
            VectorOps.Axpy(eps, z, gradTheta.Slice(_oW2 + q * m, m));      // ∂/∂W2_qj = ε_q z_j
            VectorOps.Axpy(eps, theta.Slice(_oW2 + q * m, m), gradZ);      // J ᵀδ gets W2ᵀ ε
        }
    }

    /// <summary>Hidden pre-activations and outputs, computed as the finder's canonical form does (g + G·z).</summary>
    private void ComputeHidden(ReadOnlySpan<double> z)
    {
        int m = M;
        ReadOnlySpan<double> theta = Parameters;
        for (int q = 0; q < _l; q++)
        {
            double w = VectorOps.Dot(theta.Slice(_oW2 + q * m, m), z.Slice(0, m));
            double u = theta[_oH2 + q] + w;
            _w[q] = w;
            _u[q] = u;
            _r[q] = Math.Max(u, 0.0) - (_clipped ? Math.Max(w, 0.0) : 0.0);
        }
    }

    /// <inheritdoc/>
    public override ReluModel ToModel(ReadOnlySpan<double> theta)
    {
        var a = Extract(theta, "A");
        var w1 = Extract(theta, "W1");
        var w2 = Extract(theta, "W2");
        var h1 = Extract(theta, "h1");
        var h2 = Extract(theta, "h2");
        return _clipped ? new ClippedShallowPlrnn(a, w1, w2, h1, h2) : new ShallowPlrnn(a, w1, w2, h1, h2);
    }
}
