namespace Scyfi.Core.Training;

/// <summary>
/// Rectified Adam (Liu et al. 2020), the optimizer of the GTF training code: while the variance
/// estimate is unreliable (ρ_t ≤ 5, the first few steps) it takes plain momentum steps, then
/// Adam steps scaled by the variance rectification term r_t.
/// </summary>
public sealed class RAdamOptimizer : Optimizer
{
    private readonly double[] _m, _v;
    private readonly double _beta1, _beta2, _eps, _rhoInf;

    /// <summary>Creates the optimizer for <paramref name="size"/> parameters.</summary>
    public RAdamOptimizer(double learningRate, int size, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : base(learningRate)
    {
        _m = new double[size];
        _v = new double[size];
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
        _rhoInf = 2 / (1 - beta2) - 1;
    }

    /// <inheritdoc/>
    public override void Step(Span<double> theta, ReadOnlySpan<double> gradient)
    {
        Steps++;
        double b2t = Math.Pow(_beta2, Steps);
        double c1 = 1 - Math.Pow(_beta1, Steps), c2 = 1 - b2t;
        double rho = _rhoInf - 2 * Steps * b2t / c2;
        // Same threshold as PyTorch's RAdam: below it the adaptive step's variance is unbounded.
        bool rectify = rho > 5;
        double r = rectify ? Math.Sqrt((rho - 4) * (rho - 2) * _rhoInf / ((_rhoInf - 4) * (_rhoInf - 2) * rho)) : 0;
        for (int k = 0; k < theta.Length; k++)
        {
            double g = gradient[k];
            _m[k] = _beta1 * _m[k] + (1 - _beta1) * g;
            _v[k] = _beta2 * _v[k] + (1 - _beta2) * g * g;
            double mHat = _m[k] / c1;
            theta[k] -= rectify
                ? LearningRate * r * mHat / (Math.Sqrt(_v[k] / c2) + _eps)
                : LearningRate * mHat;
        }
    }
}
