using System.Globalization;
using System.Text;

namespace Scyfi.Core.Training;

/// <summary>
/// Time series as delimited text: one row per time step, one column per variable. The delimiter
/// is a comma, or else a tab, a semicolon or runs of blanks (numpy.savetxt's default), decided
/// from the first row. A first row that is not all numbers is a header; blank lines and lines
/// starting with '#' are skipped.
/// </summary>
public static class CsvTimeSeries
{
    /// <summary>Reads a file; every problem becomes a <see cref="ScyfiInputException"/> naming the line.</summary>
    public static TimeSeries Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"data file '{path}' cannot be read: {e.Message}");
        }
        return Parse(text, $"data file '{path}'", out _);
    }

    /// <summary>Parses text; <paramref name="header"/> receives the column names, or null without a header row.</summary>
    public static TimeSeries Parse(string text, string source, out string[]? header)
    {
        header = null;
        var values = new List<double>();
        int columns = -1, rows = 0, lineNo = 0;
        char? delimiter = null;
        bool first = true;
        using var reader = new StringReader(text);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            delimiter ??= Delimiter(trimmed);
            string[] fields = Split(trimmed, delimiter.Value);
            if (first)
            {
                first = false;
                if (!fields.All(IsNumber))
                {
                    header = fields.Select(f => f.Trim('"', '\'', ' ')).ToArray();
                    columns = fields.Length;
                    continue;
                }
            }
            if (columns < 0) columns = fields.Length;
            if (fields.Length != columns)
                throw new ScyfiInputException($"{source}: line {lineNo} has {fields.Length} values, expected {columns}");
            for (int c = 0; c < fields.Length; c++)
            {
                if (!TryNumber(fields[c], out double v))
                    throw new ScyfiInputException($"{source}: line {lineNo}, column {c + 1}: '{Shorten(fields[c])}' is not a number");
                values.Add(v);
            }
            rows++;
        }
        if (rows == 0) throw new ScyfiInputException($"{source}: no data rows");
        return new TimeSeries(rows, columns, values.ToArray());
    }

    /// <summary>Writes the series with a header row (<paramref name="names"/>, default z1, z2, …); numbers round-trip exactly.</summary>
    public static void Write(string path, TimeSeries series, IReadOnlyList<string>? names = null)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < series.Dimension; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(names is null ? $"z{i + 1}" : names[i]);
        }
        sb.Append('\n');
        for (int t = 0; t < series.Length; t++)
        {
            for (int i = 0; i < series.Dimension; i++)
            {
                if (i > 0) sb.Append(',');
                // "R" is the shortest text that parses back to the same double.
                sb.Append(series[t, i].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static char Delimiter(string line) =>
        line.Contains(',') ? ',' : line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : ' ';

    private static string[] Split(string line, char delimiter) => delimiter == ' '
        ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        : line.Split(delimiter).Select(f => f.Trim()).ToArray();

    private static bool IsNumber(string field) => TryNumber(field, out _);

    private static bool TryNumber(string field, out double v) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
