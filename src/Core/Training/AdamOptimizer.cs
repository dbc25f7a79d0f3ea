namespace Scyfi.Core.Training;

/// <summary>Adam (Kingma &amp; Ba 2015) with bias-corrected first and second moments.</summary>
public sealed class AdamOptimizer : Optimizer
{
    private readonly double[] _m, _v;
    private readonly double _beta1, _beta2, _eps;

    /// <summary>Creates the optimizer for <paramref name="size"/> parameters.</summary>
    public AdamOptimizer(double learningRate, int size, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : base(learningRate)
    {
        _m = new double[size];
        _v = new double[size];
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
    }

    /// <inheritdoc/>
    public override void Step(Span<double> theta, ReadOnlySpan<double> gradient)
    {
        Steps++;
        double c1 = 1 - Math.Pow(_beta1, Steps), c2 = 1 - Math.Pow(_beta2, Steps);
        for (int k = 0; k < theta.Length; k++)
        {
            double g = gradient[k];
            _m[k] = _beta1 * _m[k] + (1 - _beta1) * g;
            _v[k] = _beta2 * _v[k] + (1 - _beta2) * g * g;
            theta[k] -= LearningRate * (_m[k] / c1) / (Math.Sqrt(_v[k] / c2) + _eps);
        }
    }
}
