namespace Scyfi.Dashboard.Tests;

/// <summary>A fresh directory for one test's store, spec and outputs, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("scyfi-dashboard-").FullName;

    /// <summary>A path inside the directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        string file = File(name);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file for a moment; /tmp is cleaned anyway */ }
    }
}
