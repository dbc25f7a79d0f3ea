using Scyfi.Core.Models;
using Xunit;

namespace Scyfi.Core.Tests.Import;

/// <summary>Checks for imported models: exact equality of every parameter, and one-line refusals.</summary>
internal static class ImportAssert
{
    /// <summary>Same type, parameter names, shapes and bit-identical values (and the same P for an ALRNN).</summary>
    public static void Same(ReluModel expected, ReluModel actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Parameters.Select(p => p.Name), actual.Parameters.Select(p => p.Name));
        foreach (var (e, a) in expected.Parameters.Zip(actual.Parameters))
        {
            Assert.True(e.IsVector == a.IsVector, $"{e.Name}: vector {e.IsVector} expected, got {a.IsVector}");
            Assert.Equal((e.Rows, e.Cols), (a.Rows, a.Cols));
            Assert.Equal(e.Data, a.Data);
        }
        if (expected is Alrnn ea) Assert.Equal(ea.ReluCount, Assert.IsType<Alrnn>(actual).ReluCount);
    }

    /// <summary>The load fails with a one-line ScyfiInputException that names the file and mentions each phrase.</summary>
    public static ScyfiInputException Refused(Func<object> load, string path, params string[] mentions)
    {
        var e = Assert.Throws<ScyfiInputException>(load);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        foreach (string m in mentions) Assert.Contains(m, e.Message, StringComparison.Ordinal);
        return e;
    }

    public static ParameterArray V(string name, params double[] v) => ParameterArray.Vector(name, v);

    public static ParameterArray M(string name, double[,] m)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        return new ParameterArray(name, r, c, false, NpyFile.Flat(m));
    }
}

/// <summary>A fresh folder for a test's checkpoint files, deleted afterwards.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("scyfi-import-tests-").FullName;

    public string Write(string name, byte[] bytes)
    {
        string file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public string Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
