using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scyfi.Core.Import;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1–3): little- or big-endian floating point
/// (f2, f4, f8), integers and booleans, in C or Fortran order, promoted to double in row-major order.
/// Every problem becomes a one-line <see cref="ScyfiInputException"/> naming the file.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a .npy file.</summary>
    public static NdArray Read(string path)
    {
        if (Directory.Exists(path)) throw new ScyfiInputException($"'{path}' is a directory, not a .npy file");
        if (!File.Exists(path)) throw new ScyfiInputException($"NumPy file '{path}' not found");
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, $"NumPy file '{path}'");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"NumPy file '{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>Reads one .npy array from a stream; <paramref name="source"/> names it in messages.</summary>
    public static NdArray Read(Stream stream, string source)
    {
        var (type, bigEndian, fortran, shape) = ReadHeader(stream, source);
        int count;
        try { count = StridedView.Count(shape); }
        catch (InvalidDataException e) { throw new ScyfiInputException($"{source}: {e.Message}"); }
        long needed = (long)count * ElementTypes.Size(type);
        if (needed > Array.MaxLength) throw new ScyfiInputException($"{source}: {count} values are too many to read");
        var bytes = new byte[needed];
        int got = ReadFully(stream, bytes);
        if (got < needed)
            throw new ScyfiInputException($"{source} is truncated: shape ({string.Join(", ", shape)}) needs {needed} bytes of data, the file has {got}");
        double[] flat = ElementTypes.Decode(bytes, type, bigEndian, count);
        // Fortran order stores the first index fastest: read it as a column-major view.
        double[] data = fortran && shape.Length > 1 ? StridedView.Gather(flat, 0, shape, StridedView.ColumnMajor(shape)) : flat;
        return new NdArray(shape, data, ElementTypes.Name(type));
    }

    private static (ElementType Type, bool BigEndian, bool Fortran, int[] Shape) ReadHeader(Stream stream, string source)
    {
        var prefix = new byte[8];
        if (ReadFully(stream, prefix) < 8 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
            throw new ScyfiInputException($"{source} is not a NumPy .npy file (it does not start with \\x93NUMPY)");
        int major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            var len = new byte[2];
            if (ReadFully(stream, len) < 2) throw new ScyfiInputException($"{source} is truncated inside its header");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            var len = new byte[4];
            if (ReadFully(stream, len) < 4) throw new ScyfiInputException($"{source} is truncated inside its header");
            uint l = BinaryPrimitives.ReadUInt32LittleEndian(len);
            if (l > 1 << 20) throw new ScyfiInputException($"{source} has an implausible header length {l}");
            headerLength = (int)l;
        }
        else throw new ScyfiInputException($"{source} uses .npy format version {major}.{prefix[7]}, which Scyfi does not know (1, 2 and 3 are supported)");

        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerLength) throw new ScyfiInputException($"{source} is truncated inside its header");
        string header = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);

        var descr = DescrPattern().Match(header);
        if (!descr.Success)
        {
            if (StructuredDescrPattern().IsMatch(header))
                throw new ScyfiInputException($"{source} holds a structured array (record fields); Scyfi reads plain numeric arrays");
            throw new ScyfiInputException($"{source} has no 'descr' in its header");
        }
        var fortran = FortranPattern().Match(header);
        if (!fortran.Success) throw new ScyfiInputException($"{source} has no 'fortran_order' in its header");
        var shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success) throw new ScyfiInputException($"{source} has no 'shape' in its header");

        var (type, bigEndian) = ParseDescr(descr.Groups["d"].Value, source);
        var shape = new List<int>();
        foreach (string part in shapeMatch.Groups["s"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Python 2 wrote longs as "3L".
            if (!int.TryParse(part.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                throw new ScyfiInputException($"{source} has a bad shape entry '{part}'");
            shape.Add(d);
        }
        return (type, bigEndian, fortran.Groups["f"].Value == "True", shape.ToArray());
    }

    private static (ElementType, bool) ParseDescr(string descr, string source)
    {
        var m = DtypePattern().Match(descr);
        if (!m.Success) throw new ScyfiInputException($"{source} has the element type '{descr}', which Scyfi cannot read (expected floating point or integer)");
        char order = m.Groups["o"].Success && m.Groups["o"].Length > 0 ? m.Groups["o"].Value[0] : '|';
        char kind = m.Groups["k"].Value[0];
        int size = m.Groups["n"].Length == 0 ? 0 : int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        ElementType? type = (kind, size) switch
        {
            ('f', 2) => ElementType.Float16,
            ('f', 4) => ElementType.Float32,
            ('f', 8) => ElementType.Float64,
            ('i', 1) => ElementType.Int8,
            ('i', 2) => ElementType.Int16,
            ('i', 4) => ElementType.Int32,
            ('i', 8) => ElementType.Int64,
            ('u', 1) => ElementType.UInt8,
            ('u', 2) => ElementType.UInt16,
            ('u', 4) => ElementType.UInt32,
            ('u', 8) => ElementType.UInt64,
            ('b', 1) => ElementType.Bool,
            _ => null,
        };
        if (type is null)
        {
            string what = kind switch
            {
                'O' => "Python objects (saved with allow_pickle)",
                'c' => "complex numbers",
                'U' or 'S' => "strings",
                'M' or 'm' => "dates or time spans",
                _ => $"the element type '{descr}'",
            };
            throw new ScyfiInputException($"{source} holds {what}; Scyfi reads floating-point (and integer) arrays only");
        }
        bool bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        return (type.Value, bigEndian);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    [GeneratedRegex("""['"]descr['"]\s*:\s*['"](?<d>[^'"]*)['"]""")]
    private static partial Regex DescrPattern();

    [GeneratedRegex("""['"]descr['"]\s*:\s*\[""")]
    private static partial Regex StructuredDescrPattern();

    [GeneratedRegex("""['"]fortran_order['"]\s*:\s*(?<f>True|False)""")]
    private static partial Regex FortranPattern();

    [GeneratedRegex("""['"]shape['"]\s*:\s*\((?<s>[^)]*)\)""")]
    private static partial Regex ShapePattern();

    [GeneratedRegex("^(?<o>[<>=|])?(?<k>[a-zA-Z])(?<n>[0-9]*)$")]
    private static partial Regex DtypePattern();
}
