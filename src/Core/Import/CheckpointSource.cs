namespace Scyfi.Core.Import;

/// <summary>The checkpoint being read: names it in every message, so each error is one self-contained line.</summary>
internal sealed class CheckpointSource(string path)
{
    public string Path { get; } = path;

    public ScyfiInputException Fail(string message) => new($"checkpoint '{Path}': {message}");

    /// <summary>A file that is broken, truncated or not of the format its name says.</summary>
    public ScyfiInputException Corrupt(string format, Exception e) =>
        new($"checkpoint '{Path}' is not a readable {format} file: {ScyfiInputException.FirstLine(e.Message)}");
}
