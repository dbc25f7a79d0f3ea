namespace Scyfi.Core.Models;

/// <summary>
/// A named parameter of a model (A, W, h, W1, …) as a dense row-major array. A vector is stored
/// with <see cref="IsVector"/> set and Cols = 1; its entries are addressed as <c>name[i]</c>, a
/// matrix's as <c>name[i,j]</c> (0-based), which is how sweep specs name what they vary.
/// </summary>
public sealed class ParameterArray
{
    /// <summary>Name as in the model file.</summary>
    public string Name { get; }
    /// <summary>Number of rows (the length for a vector).</summary>
    public int Rows { get; }
    /// <summary>Number of columns (1 for a vector).</summary>
    public int Cols { get; }
    /// <summary>True for a vector (1-index entries), false for a matrix.</summary>
    public bool IsVector { get; }
    /// <summary>Row-major values.</summary>
    public double[] Data { get; }

    /// <summary>Creates the array; the data is taken as is (not copied).</summary>
    public ParameterArray(string name, int rows, int cols, bool isVector, double[] data)
    {
        if (data.Length != rows * cols) throw new ArgumentException($"{name}: {data.Length} values for {rows}×{cols}");
        Name = name; Rows = rows; Cols = cols; IsVector = isVector; Data = data;
    }

    /// <summary>A vector parameter.</summary>
    public static ParameterArray Vector(string name, double[] v) => new(name, v.Length, 1, true, v);

    /// <summary>A matrix parameter from rows.</summary>
    public static ParameterArray Matrix(string name, double[][] rows)
    {
        int r = rows.Length, c = r == 0 ? 0 : rows[0].Length;
        var data = new double[r * c];
        for (int i = 0; i < r; i++) rows[i].AsSpan().CopyTo(data.AsSpan(i * c, c));
        return new ParameterArray(name, r, c, false, data);
    }

    /// <summary>Entry (i, j); for a vector j must be 0.</summary>
    public double this[int i, int j] => Data[i * Cols + j];

    /// <summary>A deep copy.</summary>
    public ParameterArray Clone() => new(Name, Rows, Cols, IsVector, (double[])Data.Clone());

    /// <summary>Rows as jagged arrays (for JSON output).</summary>
    public double[][] ToRows()
    {
        var rows = new double[Rows][];
        for (int i = 0; i < Rows; i++) rows[i] = Data.AsSpan(i * Cols, Cols).ToArray();
        return rows;
    }
}
