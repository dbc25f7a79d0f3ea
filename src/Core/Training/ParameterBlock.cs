namespace Scyfi.Core.Training;

/// <summary>
/// Where one named parameter (A, W, h, W1, …) lies in a <see cref="TrainableModel"/>'s flat
/// parameter vector: <see cref="Rows"/> × <see cref="Cols"/> values, row-major, from <see cref="Offset"/>.
/// </summary>
/// <param name="Name">Name as in model files.</param>
/// <param name="Offset">Index of the first value in the flat vector.</param>
/// <param name="Rows">Number of rows (the length of a vector).</param>
/// <param name="Cols">Number of columns (1 for a vector).</param>
/// <param name="IsVector">True for a vector, false for a matrix.</param>
public sealed record ParameterBlock(string Name, int Offset, int Rows, int Cols, bool IsVector)
{
    /// <summary>Number of values.</summary>
    public int Count => Rows * Cols;

    /// <summary>Name of the value at flat index <paramref name="k"/> of this block, e.g. <c>W[0,1]</c> or <c>h[2]</c>.</summary>
    public string EntryName(int k)
    {
        int local = k - Offset;
        return IsVector ? $"{Name}[{local}]" : $"{Name}[{local / Cols},{local % Cols}]";
    }
}
