using System.Globalization;

namespace Scyfi.Core.Training;

/// <summary>One row of a run's <c>log.csv</c>.</summary>
/// <param name="Epoch">Epoch number; 0 is the initial model, evaluated before any update.</param>
/// <param name="Loss">Mean training loss (MSE) over the epoch's batches, each before its update.</param>
/// <param name="GradNorm">Mean Euclidean norm of the batch gradients, before clipping.</param>
/// <param name="Alpha">Forcing strength α of the epoch (0 for BPTT).</param>
/// <param name="Seconds">Wall-clock seconds since the run started, at the end of the epoch.</param>
public sealed record TrainingLogEntry(int Epoch, double Loss, double GradNorm, double Alpha, double Seconds);

/// <summary>
/// The per-epoch log of a training run, <c>DIR/log.csv</c>: a header
/// <c>epoch,loss,grad_norm,alpha,seconds</c> and one row per epoch from 0, numbers in invariant
/// culture, round-trip precision (a diverged epoch's loss is <c>NaN</c> or <c>Infinity</c>).
/// </summary>
public static class TrainingLog
{
    /// <summary>File name inside the run directory.</summary>
    public const string FileName = "log.csv";

    /// <summary>The header row.</summary>
    public const string Header = "epoch,loss,grad_norm,alpha,seconds";

    private static readonly string[] Columns = ["epoch", "loss", "grad_norm", "alpha", "seconds"];

    /// <summary>The CSV row of an entry.</summary>
    public static string Format(TrainingLogEntry e) => string.Join(',',
        e.Epoch.ToString(CultureInfo.InvariantCulture),
        e.Loss.ToString("R", CultureInfo.InvariantCulture),
        e.GradNorm.ToString("R", CultureInfo.InvariantCulture),
        e.Alpha.ToString("R", CultureInfo.InvariantCulture),
        e.Seconds.ToString("0.######", CultureInfo.InvariantCulture));

    /// <summary>
    /// Reads a log, given the file or the run directory. Columns are found by their header name, so
    /// logs with extra columns still read. Problems become <see cref="ScyfiInputException"/>s.
    /// </summary>
    public static IReadOnlyList<TrainingLogEntry> Read(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        if (!File.Exists(path)) throw new ScyfiInputException($"training log '{path}' not found");
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"training log '{path}' cannot be read: {e.Message}");
        }
        if (lines.Length == 0) throw new ScyfiInputException($"training log '{path}' is empty");
        string[] header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int[] index = Columns.Select(c => Array.IndexOf(header, c)).ToArray();
        int missing = Array.IndexOf(index, -1);
        if (missing >= 0) throw new ScyfiInputException($"training log '{path}': no column '{Columns[missing]}' in the header");
        var entries = new List<TrainingLogEntry>(lines.Length - 1);
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            string[] f = lines[n].Split(',');
            if (f.Length != header.Length) throw new ScyfiInputException($"training log '{path}': line {n + 1} has {f.Length} values, expected {header.Length}");
            if (!int.TryParse(f[index[0]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch))
                throw new ScyfiInputException($"training log '{path}': line {n + 1}: epoch '{f[index[0]]}' is not a whole number");
            entries.Add(new TrainingLogEntry(epoch, Number(f, index[1], path, n), Number(f, index[2], path, n), Number(f, index[3], path, n), Number(f, index[4], path, n)));
        }
        return entries;
    }

    private static double Number(string[] fields, int i, string path, int line) =>
        double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new ScyfiInputException($"training log '{path}': line {line + 1}: '{fields[i]}' is not a number");
}
