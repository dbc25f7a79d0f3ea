namespace Scyfi.Core.Training;

/// <summary>A loaded data file: the series as used, and the standardisation applied to it (if any).</summary>
/// <param name="Path">The file it came from.</param>
/// <param name="Series">The (possibly standardised) series.</param>
/// <param name="Mean">Column means subtracted, or null when not standardised.</param>
/// <param name="Std">Column standard deviations divided by, or null when not standardised.</param>
public sealed record LoadedTimeSeries(string Path, TimeSeries Series, double[]? Mean, double[]? Std);

/// <summary>Reads time-series files by extension: <c>.npy</c> as NumPy, anything else as delimited text.</summary>
public static class TimeSeriesFile
{
    /// <summary>
    /// Loads <paramref name="path"/>, refuses NaN and infinite values, and optionally standardises
    /// every column to mean 0 and standard deviation 1.
    /// </summary>
    public static LoadedTimeSeries Load(string path, bool standardize = false)
    {
        if (Directory.Exists(path)) throw new ScyfiInputException($"data '{path}' is a directory, not a data file");
        if (!File.Exists(path)) throw new ScyfiInputException($"data file '{path}' not found");
        var series = string.Equals(System.IO.Path.GetExtension(path), ".npy", StringComparison.OrdinalIgnoreCase)
            ? NpyFile.Read(path)
            : CsvTimeSeries.Read(path);
        series.RequireFinite($"data file '{path}'");
        if (!standardize) return new LoadedTimeSeries(path, series, null, null);
        var z = series.Standardized(out var mean, out var std);
        return new LoadedTimeSeries(path, z, mean, std);
    }
}
