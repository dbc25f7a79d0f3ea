namespace Scyfi.Tests;

/// <summary>
/// A fresh directory for one test's models, specs, stores and outputs, deleted afterwards.
/// Shared by the test projects (linked into each).
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("scyfi-tests-").FullName;

    /// <summary>A path inside the directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        string file = File(name);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public string Write(string name, byte[] content)
    {
        string file = File(name);
        System.IO.File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* SQLite or a killed child may still hold a file for a moment; /tmp is cleaned anyway */ }
    }
}
