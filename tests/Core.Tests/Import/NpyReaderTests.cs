using Scyfi.Core.Import;
using Xunit;

namespace Scyfi.Core.Tests.Import;

/// <summary>The .npy reader: byte orders, element types, C and Fortran order, header versions, and bad files.</summary>
public sealed class NpyReaderTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly double[] Values = [1.5, -2.25, 3.125, 0.1, -1e-3, 7];

    [Theory]
    [InlineData("<f8", false, 1)]
    [InlineData(">f8", false, 1)]
    [InlineData("<f8", true, 1)]
    [InlineData(">f8", true, 2)]
    [InlineData("<f8", false, 3)]
    public void Float64_reads_exactly_in_any_byte_order_and_memory_order(string descr, bool fortran, int version)
    {
        var a = NpyReader.Read(_dir.Write("a.npy", NpyFile.Bytes(descr, [2, 3], Values, fortran, version)));
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal(Values, a.Data);
        Assert.Equal("float64", a.DType);
        Assert.Equal(-2.25, a[0, 1]);
        Assert.Equal(0.1, a[1, 0]);
    }

    [Theory]
    [InlineData("<f4")]
    [InlineData(">f4")]
    public void Float32_is_promoted_exactly(string descr)
    {
        var a = NpyReader.Read(_dir.Write("a.npy", NpyFile.Bytes(descr, [6], Values)));
        Assert.Equal(Values.Select(x => (double)(float)x), a.Data);
        Assert.True(a.IsFloatingPoint);
    }

    [Fact]
    public void Fortran_order_three_dimensional_arrays_come_out_row_major()
    {
        // Fortran order: the first index runs fastest. Element (i, j, k) = 100 i + 10 j + k.
        int[] shape = [2, 3, 2];
        var rowMajor = new double[12];
        var columnMajor = new double[12];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 2; k++)
                {
                    rowMajor[(i * 3 + j) * 2 + k] = 100 * i + 10 * j + k;
                    columnMajor[i + 2 * (j + 3 * k)] = 100 * i + 10 * j + k;
                }
        // Write the column-major values as a C-order file's bytes, then flag the header as Fortran.
        byte[] bytes = NpyFile.Bytes("<f8", shape, columnMajor);
        string text = System.Text.Encoding.Latin1.GetString(bytes);
        bytes = System.Text.Encoding.Latin1.GetBytes(text.Replace("'fortran_order': False", "'fortran_order': True "));
        Assert.Equal(rowMajor, NpyReader.Read(_dir.Write("f.npy", bytes)).Data);
    }

    [Fact]
    public void Integers_scalars_and_vectors_read()
    {
        var ints = NpyReader.Read(_dir.Write("i.npy", NpyFile.Bytes("<i8", [3], [1, -2, 3])));
        Assert.Equal([1.0, -2, 3], ints.Data);
        Assert.False(ints.IsFloatingPoint);
        var scalar = NpyReader.Read(_dir.Write("s.npy", NpyFile.Bytes("<i4", [], [2])));
        Assert.Empty(scalar.Shape);
        Assert.Equal([2.0], scalar.Data);
    }

    [Fact]
    public void Bad_files_are_named_in_one_line()
    {
        void Bad(string name, byte[] bytes, string mentions)
        {
            string path = _dir.Write(name, bytes);
            var e = Assert.Throws<Scyfi.Core.ScyfiInputException>(() => NpyReader.Read(path));
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
        }
        Bad("magic.npy", "not numpy at all"u8.ToArray(), "not a NumPy .npy file");
        byte[] good = NpyFile.Bytes("<f8", [2, 3], Values);
        Bad("short.npy", good[..^8], "is truncated: shape (2, 3) needs 48 bytes");
        Bad("header.npy", good[..20], "truncated inside its header");
        string complexHeader = System.Text.Encoding.Latin1.GetString(good).Replace("'<f8'", "'<c8'");
        Bad("complex.npy", System.Text.Encoding.Latin1.GetBytes(complexHeader), "complex numbers");
        string objectHeader = System.Text.Encoding.Latin1.GetString(good).Replace("'<f8'", "'|O' ");
        Bad("object.npy", System.Text.Encoding.Latin1.GetBytes(objectHeader), "Python objects");
        string structured = System.Text.Encoding.Latin1.GetString(good).Replace("'descr': '<f8'", "'descr': [('a', '<f8')]");
        Bad("record.npy", System.Text.Encoding.Latin1.GetBytes(structured), "structured array");
        var e = Assert.Throws<Scyfi.Core.ScyfiInputException>(() => NpyReader.Read(Path.Combine(_dir.Path, "none.npy")));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }
}
