namespace Scyfi.Core.Import;

/// <summary>
/// A dense n-dimensional array read from a file (NumPy .npy, a checkpoint tensor), promoted to
/// double and stored row-major (C order) whatever the order and byte order on disk.
/// </summary>
public sealed class NdArray
{
    /// <summary>Creates the array; <paramref name="data"/> is row-major and taken as is.</summary>
    public NdArray(IReadOnlyList<int> shape, double[] data, string dtype)
    {
        if (StridedView.Count(shape) != data.Length)
            throw new ArgumentException($"{data.Length} values for shape ({string.Join(", ", shape)})", nameof(data));
        Shape = shape.ToArray();
        Data = data;
        DType = dtype;
    }

    /// <summary>Dimensions, outermost first; empty for a 0-d (scalar) array.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Count;

    /// <summary>Values in row-major order.</summary>
    public double[] Data { get; }

    /// <summary>Element type on disk, spelled as NumPy does (float32, float64, int64, …).</summary>
    public string DType { get; }

    /// <summary>True when the values on disk were floating point (not integers or booleans).</summary>
    public bool IsFloatingPoint => DType is "float16" or "bfloat16" or "float32" or "float64";

    /// <summary>Entry (i, j) of a 2-D array.</summary>
    public double this[int i, int j] => Data[i * Shape[1] + j];

    /// <summary>The shape as people write it: "3×4", "5" for a vector, "scalar" for 0-d.</summary>
    public string ShapeText => Rank == 0 ? "scalar" : string.Join("×", Shape);
}
