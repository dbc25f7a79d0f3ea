namespace Scyfi.Core.Training;

/// <summary>
/// A multivariate time series: <see cref="Length"/> time steps (rows) of <see cref="Dimension"/>
/// observed variables (columns), stored row-major so that one time step is one contiguous span.
/// </summary>
public sealed class TimeSeries
{
    private readonly double[] _data;

    /// <summary>Wraps row-major data (not copied); <paramref name="data"/> holds length × dimension values.</summary>
    public TimeSeries(int length, int dimension, double[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (data.Length != length * dimension)
            throw new ArgumentException($"{data.Length} values for {length} steps × {dimension} variables", nameof(data));
        Length = length;
        Dimension = dimension;
        _data = data;
    }

    /// <summary>Number of time steps T.</summary>
    public int Length { get; }

    /// <summary>Number of observed variables N.</summary>
    public int Dimension { get; }

    /// <summary>Row-major values (T × N).</summary>
    public ReadOnlySpan<double> Values => _data;

    /// <summary>Value of variable <paramref name="i"/> at step <paramref name="t"/>.</summary>
    public double this[int t, int i] => _data[t * Dimension + i];

    /// <summary>The observation at step <paramref name="t"/>.</summary>
    public ReadOnlySpan<double> Row(int t) => _data.AsSpan(t * Dimension, Dimension);

    /// <summary>
    /// Throws a <see cref="ScyfiInputException"/> naming the first NaN or infinite value: a single
    /// one would turn every gradient into NaN, and then the whole training run.
    /// </summary>
    public void RequireFinite(string source)
    {
        for (int k = 0; k < _data.Length; k++)
        {
            if (double.IsFinite(_data[k])) continue;
            string what = double.IsNaN(_data[k]) ? "NaN" : "infinite";
            throw new ScyfiInputException($"{source}: step {k / Dimension + 1}, column {k % Dimension + 1} is {what}; the data must be finite");
        }
    }

    /// <summary>
    /// Column means and (population) standard deviations. A constant column gets a deviation of 1,
    /// so that standardising only centres it instead of dividing by zero.
    /// </summary>
    public (double[] Mean, double[] Std) ColumnMoments()
    {
        int n = Dimension;
        var mean = new double[n];
        var std = new double[n];
        if (Length == 0) { Array.Fill(std, 1.0); return (mean, std); }
        for (int t = 0; t < Length; t++)
            for (int i = 0; i < n; i++) mean[i] += _data[t * n + i];
        for (int i = 0; i < n; i++) mean[i] /= Length;
        for (int t = 0; t < Length; t++)
            for (int i = 0; i < n; i++)
            {
                double d = _data[t * n + i] - mean[i];
                std[i] += d * d;
            }
        for (int i = 0; i < n; i++)
        {
            std[i] = Math.Sqrt(std[i] / Length);
            if (!(std[i] > 0)) std[i] = 1.0;
        }
        return (mean, std);
    }

    /// <summary>The series with every column shifted and scaled to mean 0 and standard deviation 1.</summary>
    public TimeSeries Standardized(out double[] mean, out double[] std)
    {
        (mean, std) = ColumnMoments();
        var z = new double[_data.Length];
        int n = Dimension;
        for (int t = 0; t < Length; t++)
            for (int i = 0; i < n; i++) z[t * n + i] = (_data[t * n + i] - mean[i]) / std[i];
        return new TimeSeries(Length, n, z);
    }
}
