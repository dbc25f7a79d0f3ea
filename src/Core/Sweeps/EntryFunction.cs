namespace Scyfi.Core.Sweeps;

/// <summary>A varied entry as an affine function of the axes: entry = const + Σ coef·axis.</summary>
public sealed record EntryFunction(ParameterEntry Entry, double Constant, double[] Coefficients)
{
    /// <summary>Value for the given axis values.</summary>
    public double Evaluate(ReadOnlySpan<double> axisValues)
    {
        double v = Constant;
        for (int a = 0; a < Coefficients.Length; a++) v += Coefficients[a] * axisValues[a];
        return v;
    }
}
