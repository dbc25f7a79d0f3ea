namespace Scyfi.Core.Import;

/// <summary>
/// A named array found in a checkpoint. Its shape is known at once; its values are decoded only when
/// a model parameter needs them, so optimizer state and unsupported side arrays cost nothing and
/// cannot make an otherwise good checkpoint fail.
/// </summary>
internal sealed class StoredArray
{
    private readonly Lazy<double[]> _values;

    public StoredArray(string name, int[] shape, string dtype, Func<double[]> values, string? failure = null)
    {
        Name = name;
        Shape = shape;
        DType = dtype;
        Failure = failure;
        _values = new Lazy<double[]>(values);
    }

    public static StoredArray From(string name, NdArray a) => new(name, a.Shape.ToArray(), a.DType, () => a.Data);

    /// <summary>An entry that exists but cannot be decoded; <paramref name="reason"/> is reported if a model needs it.</summary>
    public static StoredArray Unreadable(string name, string reason) =>
        new(name, [], "unknown", () => throw new InvalidDataException(reason), reason);

    /// <summary>Full name in the checkpoint, e.g. <c>latent_model.latent_step.AW</c>.</summary>
    public string Name { get; }

    public int[] Shape { get; }

    public int Rank => Shape.Length;

    public string DType { get; }

    /// <summary>Why the values cannot be read, or null.</summary>
    public string? Failure { get; }

    public bool IsFloatingPoint => DType is "float16" or "bfloat16" or "float32" or "float64";

    public string ShapeText => Rank == 0 ? "a scalar" : string.Join("×", Shape);

    /// <summary>Row-major values (decoded on first use).</summary>
    public double[] Values() => _values.Value;
}
