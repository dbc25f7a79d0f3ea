namespace Scyfi.Core.Import;

/// <summary>
/// One storage of a PyTorch checkpoint: the file <c>&lt;archive&gt;/data/&lt;key&gt;</c>, a flat buffer that
/// tensors view with an offset and strides. Decoded once, on first use, however many tensors share it.
/// </summary>
internal sealed class TorchStorage
{
    private readonly Func<byte[]> _read;
    private readonly bool _bigEndian;
    private double[]? _values;

    public TorchStorage(string key, string typeName, ElementType? type, long numel, Func<byte[]> read, bool bigEndian)
    {
        Key = key;
        TypeName = typeName;
        Type = type;
        Numel = numel;
        _read = read;
        _bigEndian = bigEndian;
    }

    public string Key { get; }

    /// <summary>The storage class as pickled, e.g. FloatStorage.</summary>
    public string TypeName { get; }

    /// <summary>The element type, or null for storages Scyfi cannot decode (complex, quantized).</summary>
    public ElementType? Type { get; }

    public long Numel { get; }

    public string DTypeName => Type is ElementType t ? ElementTypes.Name(t) : TypeName;

    public double[] Values()
    {
        if (_values is not null) return _values;
        if (Type is not ElementType t) throw new InvalidDataException($"its storage type {TypeName} is not a real number type");
        if (Numel > Array.MaxLength) throw new InvalidDataException($"storage data/{Key} is too large ({Numel} elements)");
        return _values = ElementTypes.Decode(_read(), t, _bigEndian, (int)Numel);
    }

    /// <summary>The element type of a pickled storage class name (the legacy typed-storage names torch still writes).</summary>
    public static ElementType? TypeOf(string storageClass) => storageClass switch
    {
        "DoubleStorage" => ElementType.Float64,
        "FloatStorage" => ElementType.Float32,
        "HalfStorage" => ElementType.Float16,
        "BFloat16Storage" => ElementType.BFloat16,
        "LongStorage" => ElementType.Int64,
        "IntStorage" => ElementType.Int32,
        "ShortStorage" => ElementType.Int16,
        "CharStorage" => ElementType.Int8,
        "ByteStorage" or "UntypedStorage" => ElementType.UInt8,
        "BoolStorage" => ElementType.Bool,
        _ => null,
    };
}
