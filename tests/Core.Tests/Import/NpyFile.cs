using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Scyfi.Core.Tests.Import;

/// <summary>Writes .npy arrays (format 1.0 or 2.0) and .npz archives of them, byte for byte as NumPy does.</summary>
internal static class NpyFile
{
    /// <summary>
    /// A .npy file. <paramref name="descr"/> is NumPy's (e.g. "&lt;f8", "&gt;f4", "&lt;i8"); values are given in
    /// row-major order and written in Fortran order when <paramref name="fortran"/> is set.
    /// </summary>
    public static byte[] Bytes(string descr, int[] shape, double[] rowMajor, bool fortran = false, int version = 1)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shapeText}, }}";
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        var len = new byte[version == 1 ? 2 : 4];
        if (version == 1) BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)header.Length);
        ms.Write(len);
        ms.Write(Encoding.Latin1.GetBytes(header));
        double[] order = fortran ? ToColumnMajor(shape, rowMajor) : rowMajor;
        bool big = descr[0] == '>';
        char kind = descr[1];
        int size = int.Parse(descr[2..], System.Globalization.CultureInfo.InvariantCulture);
        var b = new byte[size];
        foreach (double v in order)
        {
            switch (kind, size)
            {
                case ('f', 8): if (big) BinaryPrimitives.WriteDoubleBigEndian(b, v); else BinaryPrimitives.WriteDoubleLittleEndian(b, v); break;
                case ('f', 4): if (big) BinaryPrimitives.WriteSingleBigEndian(b, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); break;
                case ('f', 2): if (big) BinaryPrimitives.WriteHalfBigEndian(b, (Half)v); else BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v); break;
                case ('i', 8): if (big) BinaryPrimitives.WriteInt64BigEndian(b, (long)v); else BinaryPrimitives.WriteInt64LittleEndian(b, (long)v); break;
                case ('i', 4): if (big) BinaryPrimitives.WriteInt32BigEndian(b, (int)v); else BinaryPrimitives.WriteInt32LittleEndian(b, (int)v); break;
                default: throw new ArgumentException($"cannot write {descr}");
            }
            ms.Write(b);
        }
        return ms.ToArray();
    }

    /// <summary>An .npz: named .npy entries, stored or deflated (np.savez_compressed).</summary>
    public static byte[] Npz(IEnumerable<(string Name, byte[] Npy)> arrays, bool compressed = false)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, npy) in arrays)
            {
                var e = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var s = e.Open();
                s.Write(npy);
            }
        return ms.ToArray();
    }

    public static byte[] F8(double[] v) => Bytes("<f8", [v.Length], v);

    public static byte[] F8(double[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        return Bytes("<f8", [r, c], Flat(m));
    }

    public static double[] Flat(double[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var flat = new double[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                flat[i * c + j] = m[i, j];
        return flat;
    }

    private static double[] ToColumnMajor(int[] shape, double[] rowMajor)
    {
        if (shape.Length != 2) return rowMajor;
        int r = shape[0], c = shape[1];
        var cm = new double[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                cm[j * r + i] = rowMajor[i * c + j];
        return cm;
    }
}
