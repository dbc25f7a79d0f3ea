namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Arguments of the commands that hints print for the user to paste into a shell (the resume
/// command after an interruption): a store URL with <c>?sslmode=…&amp;…</c> or a path with a
/// space must reach scyfi as one argument, not start a background job or split in two.
/// </summary>
public static class ShellWord
{
    /// <summary><paramref name="text"/> as is when a POSIX shell leaves it alone, else in single quotes.</summary>
    public static string Quote(string text) =>
        text.Length > 0 && text.All(IsPlain) ? text : "'" + text.Replace("'", "'\\''") + "'";

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '@' or '%' or '+' or '=' or ',';
}
