namespace Scyfi.Core;

/// <summary>
/// A mistake in what the user gave us (a model file, a spec, an option). The command line prints
/// its message as one line and exits with code 2; it never shows a stack trace for it.
/// </summary>
public sealed class ScyfiInputException(string message) : Exception(message)
{
    /// <summary>
    /// The first line of another exception's message, trimmed: what a one-line error quotes of a
    /// parser's, driver's or framework's message (the rest is usually position details or a trace).
    /// </summary>
    public static string FirstLine(string message)
    {
        int i = message.IndexOfAny(['\r', '\n']);
        return (i < 0 ? message : message[..i]).Trim();
    }
}
