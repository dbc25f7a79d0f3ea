using System.Buffers.Binary;

namespace Scyfi.Core.Import;

/// <summary>The element types Scyfi decodes from checkpoint arrays (NumPy, PyTorch and Julia names map onto these).</summary>
internal enum ElementType
{
    Float16,
    BFloat16,
    Float32,
    Float64,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Bool,
}

/// <summary>Sizes, names and decoding of <see cref="ElementType"/> values.</summary>
internal static class ElementTypes
{
    public static int Size(ElementType t) => t switch
    {
        ElementType.Float16 or ElementType.BFloat16 or ElementType.Int16 or ElementType.UInt16 => 2,
        ElementType.Float32 or ElementType.Int32 or ElementType.UInt32 => 4,
        ElementType.Float64 or ElementType.Int64 or ElementType.UInt64 => 8,
        _ => 1,
    };

    /// <summary>The NumPy/PyTorch spelling, used in messages.</summary>
    public static string Name(ElementType t) => t switch
    {
        ElementType.Float16 => "float16",
        ElementType.BFloat16 => "bfloat16",
        ElementType.Float32 => "float32",
        ElementType.Float64 => "float64",
        ElementType.Int8 => "int8",
        ElementType.Int16 => "int16",
        ElementType.Int32 => "int32",
        ElementType.Int64 => "int64",
        ElementType.UInt8 => "uint8",
        ElementType.UInt16 => "uint16",
        ElementType.UInt32 => "uint32",
        ElementType.UInt64 => "uint64",
        _ => "bool",
    };

    public static bool IsFloatingPoint(ElementType t) => t is ElementType.Float16 or ElementType.BFloat16 or ElementType.Float32 or ElementType.Float64;

    /// <summary>
    /// Decodes <paramref name="count"/> consecutive values to double. Every supported type converts
    /// exactly (float32 and the half types are subsets of float64), except 64-bit integers beyond 2^53,
    /// which only ever appear as metadata, never as model parameters.
    /// </summary>
    public static double[] Decode(ReadOnlySpan<byte> bytes, ElementType t, bool bigEndian, int count)
    {
        int size = Size(t);
        if ((long)count * size > bytes.Length)
            throw new InvalidDataException($"{count} {Name(t)} values need {(long)count * size} bytes, only {bytes.Length} are there");
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            var b = bytes.Slice(i * size, size);
            values[i] = t switch
            {
                ElementType.Float16 => (double)(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
                // bfloat16 is the upper half of a float32.
                ElementType.BFloat16 => BitConverter.Int32BitsToSingle((bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b)) << 16),
                ElementType.Float32 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
                ElementType.Float64 => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
                ElementType.Int8 => (sbyte)b[0],
                ElementType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                ElementType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                ElementType.Int64 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                ElementType.UInt8 => b[0],
                ElementType.UInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
                ElementType.UInt32 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
                ElementType.UInt64 => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
                _ => b[0] != 0 ? 1.0 : 0.0,
            };
        }
        return values;
    }
}
