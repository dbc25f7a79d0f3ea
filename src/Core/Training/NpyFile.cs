using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scyfi.Core.Training;

/// <summary>
/// NumPy <c>.npy</c> arrays as time series: float32 or float64, either byte order, C or Fortran
/// order, one dimension (one variable) or two (time × variables). Format versions 1.0, 2.0 and
/// 3.0 are read; files are written as version 1.0, little-endian float64, C order.
/// </summary>
public static partial class NpyFile
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a file; every problem becomes a <see cref="ScyfiInputException"/>.</summary>
    public static TimeSeries Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"data file '{path}' cannot be read: {e.Message}");
        }
        return Parse(bytes, $"data file '{path}'");
    }

    /// <summary>Parses the bytes of an .npy file.</summary>
    public static TimeSeries Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new ScyfiInputException($"{source}: not a NumPy .npy file (bad magic bytes)");
        int major = bytes[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
                headerStart = 10;
                break;
            case 2 or 3:
                if (bytes.Length < 12) throw new ScyfiInputException($"{source}: truncated .npy header");
                uint len = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
                if (len > int.MaxValue) throw new ScyfiInputException($"{source}: .npy header too large");
                headerLength = (int)len;
                headerStart = 12;
                break;
            default:
                throw new ScyfiInputException($"{source}: .npy format version {major}.{bytes[7]} is not supported (1.0, 2.0, 3.0)");
        }
        if (bytes.Length < headerStart + headerLength) throw new ScyfiInputException($"{source}: truncated .npy header");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes.Slice(headerStart, headerLength));
        var (descr, fortran, shape) = ParseHeader(header, source);

        bool little = descr[0] switch
        {
            '<' => true,
            '>' => false,
            '=' => BitConverter.IsLittleEndian,
            _ => throw new ScyfiInputException($"{source}: dtype '{descr}' is not supported (float32 or float64 only)"),
        };
        int size = descr[1..] switch
        {
            "f8" => 8,
            "f4" => 4,
            _ => throw new ScyfiInputException($"{source}: dtype '{descr}' is not supported (float32 or float64 only)"),
        };

        int rows, cols;
        switch (shape.Length)
        {
            case 1: rows = shape[0]; cols = 1; break;
            case 2: rows = shape[0]; cols = shape[1]; break;
            default:
                throw new ScyfiInputException($"{source}: array has {shape.Length} dimensions, expected 1 (one variable) or 2 (time × variables)");
        }
        if (rows == 0 || cols == 0) throw new ScyfiInputException($"{source}: the array is empty (shape {ShapeText(shape)})");
        long count = (long)rows * cols;
        if (count > int.MaxValue / 8) throw new ScyfiInputException($"{source}: array too large ({count} values)");
        ReadOnlySpan<byte> payload = bytes[(headerStart + headerLength)..];
        if (payload.Length < count * size)
            throw new ScyfiInputException($"{source}: truncated data: shape {ShapeText(shape)} needs {count * size} bytes, found {payload.Length}");

        var data = new double[count];
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<byte> b = payload.Slice(k * size, size);
            double v = size == 8
                ? (little ? BinaryPrimitives.ReadDoubleLittleEndian(b) : BinaryPrimitives.ReadDoubleBigEndian(b))
                : (little ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadSingleBigEndian(b));
            // Fortran order stores column after column: element k is (k mod rows, k div rows).
            int dest = fortran ? (k % rows) * cols + k / rows : k;
            data[dest] = v;
        }
        return new TimeSeries(rows, cols, data);
    }

    /// <summary>Writes the series as a (T, N) little-endian float64 array in C order.</summary>
    public static void Write(string path, TimeSeries series)
    {
        string dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({series.Length}, {series.Dimension}), }}";
        // The header (magic, version, length, dict, padding, newline) is padded to a multiple of 64 bytes so the data is aligned.
        int total = 10 + dict.Length + 1;
        int pad = (64 - total % 64) % 64;
        string header = dict + new string(' ', pad) + "\n";
        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> u16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(u16, (ushort)header.Length);
        stream.Write(u16);
        stream.Write(Encoding.Latin1.GetBytes(header));
        Span<byte> d = stackalloc byte[8];
        foreach (double v in series.Values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(d, v);
            stream.Write(d);
        }
    }

    private static (string Descr, bool Fortran, int[] Shape) ParseHeader(string header, string source)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new ScyfiInputException($"{source}: unreadable .npy header (needs descr, fortran_order and shape)");
        string d = descr.Groups[1].Value;
        if (d.Length < 3) throw new ScyfiInputException($"{source}: dtype '{d}' is not supported (float32 or float64 only)");
        var dims = new List<int>();
        foreach (string part in shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string p = part.TrimEnd('L');   // Python 2 long literals
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                throw new ScyfiInputException($"{source}: bad shape entry '{part}' in the .npy header");
            dims.Add(n);
        }
        return (d, fortran.Groups[1].Value == "True", dims.ToArray());
    }

    private static string ShapeText(int[] shape) => "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
