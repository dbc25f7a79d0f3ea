using System.Buffers.Binary;
using System.Text;
using Scyfi.Core.Training;
using Xunit;

namespace Scyfi.Core.Tests.Training;

/// <summary>Time-series input: CSV with or without header, NumPy .npy in every layout, standardisation, bad files.</summary>
public sealed class TimeSeriesReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scyfi-series-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static readonly double[,] Expected = { { 1.5, -2 }, { 3, 4.25 }, { -5e-3, 6e10 } };

    private static void AssertExpected(TimeSeries s)
    {
        Assert.Equal(3, s.Length);
        Assert.Equal(2, s.Dimension);
        for (int t = 0; t < 3; t++)
            for (int i = 0; i < 2; i++) Assert.Equal(Expected[t, i], s[t, i]);
    }

    [Theory]
    [InlineData("z1,z2\n1.5,-2\n3,4.25\n-5e-3,6e10\n")]
    [InlineData("1.5,-2\n3,4.25\n-5e-3,6e10")]
    [InlineData("\"x\", \"y\"\r\n1.5, -2\r\n\r\n3, 4.25\r\n-5e-3, 6e10\r\n")]
    [InlineData("# numpy.savetxt\n1.5 -2\n3   4.25\n-5e-3 6e10\n")]
    [InlineData("a;b\n1.5;-2\n3;4.25\n-5e-3;6e10\n")]
    [InlineData("a\tb\n1.5\t-2\n3\t4.25\n-5e-3\t6e10\n")]
    public void Csv_reads_with_or_without_header_and_delimiters(string text) =>
        AssertExpected(TimeSeriesFile.Load(Write("d.csv", text)).Series);

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "line 3 has 1 values, expected 2")]
    [InlineData("1,2\n3,abc\n", "line 2, column 2: 'abc' is not a number")]
    [InlineData("a,b\n", "no data rows")]
    [InlineData("1,2\n3,\n", "line 2, column 2: '' is not a number")]
    [InlineData("1,2\nNaN,4\n", "step 2, column 1 is NaN")]
    [InlineData("1,2\n3,Infinity\n", "step 2, column 2 is infinite")]
    public void Bad_csv_is_named(string text, string message)
    {
        var e = Assert.Throws<ScyfiInputException>(() => TimeSeriesFile.Load(Write("bad.csv", text)));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_file_and_directory_are_named()
    {
        Assert.Contains("not found", Assert.Throws<ScyfiInputException>(() => TimeSeriesFile.Load(Path.Combine(_dir, "none.csv"))).Message);
        Assert.Contains("is a directory", Assert.Throws<ScyfiInputException>(() => TimeSeriesFile.Load(_dir)).Message);
    }

    /// <summary>An .npy file as NumPy writes it, built byte by byte.</summary>
    private static byte[] Npy(string descr, bool fortran, string shape, double[] valuesInFileOrder, int version = 1)
    {
        bool big = descr[0] == '>';
        int size = descr.EndsWith('8') ? 8 : 4;
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = version == 1 ? 10 : 12;
        int pad = (64 - (prefix + dict.Length + 1) % 64) % 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', pad) + "\n");
        var bytes = new List<byte>([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        if (version == 1) bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(header);
        var buf = new byte[size];
        foreach (double v in valuesInFileOrder)
        {
            if (size == 8)
            {
                if (big) BinaryPrimitives.WriteDoubleBigEndian(buf, v); else BinaryPrimitives.WriteDoubleLittleEndian(buf, v);
            }
            else
            {
                if (big) BinaryPrimitives.WriteSingleBigEndian(buf, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(buf, (float)v);
            }
            bytes.AddRange(buf);
        }
        return bytes.ToArray();
    }

    private static readonly double[] COrder = [1.5, -2, 3, 4.25, -5e-3, 6e10];
    private static readonly double[] FOrder = [1.5, 3, -5e-3, -2, 4.25, 6e10];

    [Theory]
    [InlineData("<f8", false, 1)]
    [InlineData(">f8", false, 1)]
    [InlineData("<f8", true, 1)]
    [InlineData(">f8", true, 1)]
    [InlineData("<f8", false, 2)]
    [InlineData(">f8", true, 3)]
    public void Npy_reads_float64_in_every_byte_and_memory_order(string descr, bool fortran, int version) =>
        AssertExpected(TimeSeriesFile.Load(Write("d.npy", Npy(descr, fortran, "(3, 2)", fortran ? FOrder : COrder, version))).Series);

    [Theory]
    [InlineData("<f4", false)]
    [InlineData(">f4", true)]
    public void Npy_reads_float32(string descr, bool fortran)
    {
        var s = TimeSeriesFile.Load(Write("d.npy", Npy(descr, fortran, "(3, 2)", fortran ? FOrder : COrder))).Series;
        for (int t = 0; t < 3; t++)
            for (int i = 0; i < 2; i++) Assert.Equal((double)(float)Expected[t, i], s[t, i]);
    }

    [Fact]
    public void Npy_one_dimensional_is_one_variable()
    {
        var s = TimeSeriesFile.Load(Write("d.npy", Npy("<f8", false, "(4,)", [1, 2, 3, 4]))).Series;
        Assert.Equal(4, s.Length);
        Assert.Equal(1, s.Dimension);
        Assert.Equal(3.0, s[2, 0]);
    }

    [Theory]
    [InlineData("<i8", "(3, 2)", "dtype '<i8' is not supported")]
    [InlineData("<f8", "(3, 2, 1)", "3 dimensions")]
    [InlineData("<f8", "(0, 2)", "empty")]
    [InlineData("<f8", "(4, 2)", "truncated data")]
    public void Bad_npy_is_named(string descr, string shape, string message)
    {
        var bytes = Npy(descr, false, shape, COrder);
        var e = Assert.Throws<ScyfiInputException>(() => TimeSeriesFile.Load(Write("bad.npy", bytes)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Npy_with_nan_and_bad_magic_are_refused()
    {
        var nan = Npy("<f8", false, "(3, 2)", [1, 2, 3, double.NaN, 5, 6]);
        Assert.Contains("step 2, column 2 is NaN", Assert.Throws<ScyfiInputException>(() => TimeSeriesFile.Load(Write("nan.npy", nan))).Message);
        Assert.Contains("not a NumPy .npy file", Assert.Throws<ScyfiInputException>(() => TimeSeriesFile.Load(Write("x.npy", "hello, world"))).Message);
    }

    [Fact]
    public void Npy_and_csv_writers_round_trip()
    {
        var s = TrainingFixtures.RandomData(17, 3, 1);
        string npy = Path.Combine(_dir, "w.npy"), csv = Path.Combine(_dir, "w.csv");
        NpyFile.Write(npy, s);
        CsvTimeSeries.Write(csv, s);
        Assert.Equal(s.Values.ToArray(), TimeSeriesFile.Load(npy).Series.Values.ToArray());
        Assert.Equal(s.Values.ToArray(), TimeSeriesFile.Load(csv).Series.Values.ToArray());
        Assert.Equal("z1,z2,z3", File.ReadLines(csv).First());
        Assert.Equal(0, (new FileInfo(npy).Length - 17 * 3 * 8) % 64);   // header aligned as NumPy does
    }

    [Fact]
    public void Standardisation_gives_zero_mean_unit_deviation_and_keeps_constant_columns()
    {
        var loaded = TimeSeriesFile.Load(Write("s.csv", "a,b\n1,5\n2,5\n3,5\n6,5\n"), standardize: true);
        var s = loaded.Series;
        Assert.Equal(3.0, loaded.Mean![0]);
        Assert.Equal(Math.Sqrt((4 + 1 + 0 + 9) / 4.0), loaded.Std![0], 1e-15);
        Assert.Equal(0.0, Enumerable.Range(0, 4).Sum(t => s[t, 0]), 1e-12);
        Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(t => s[t, 0] * s[t, 0]) / 4, 1e-12);
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal(0.0, s[t, 1]));   // constant: centred only
        Assert.Equal(1.0, loaded.Std[1]);
    }
}
