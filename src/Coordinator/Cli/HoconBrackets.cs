namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Akka.NET's HOCON parser accepts a file that ends inside a block (<c>akka { remote {</c> cut
/// off by a bad copy or an editor that did not save) and returns whatever it read up to there, so a
/// truncated <c>--akka-config</c> silently loses its last settings. This finds the unclosed or
/// stray bracket, outside strings and comments, so that the file is refused with its line.
/// </summary>
internal static class HoconBrackets
{
    /// <summary>What is wrong with the brackets of <paramref name="hocon"/>, or null when they pair up.</summary>
    public static string? Problem(string hocon)
    {
        var open = new Stack<(char Bracket, int Line)>();
        int line = 1;
        for (int i = 0; i < hocon.Length; i++)
        {
            char c = hocon[i];
            if (c == '\n') { line++; continue; }
            if (c == '#' || (c == '/' && i + 1 < hocon.Length && hocon[i + 1] == '/'))
            {
                while (i + 1 < hocon.Length && hocon[i + 1] != '\n') i++;
                continue;
            }
            if (c == '"')
            {
                int start = line;
                i = SkipString(hocon, i, ref line);
                if (i < 0) return $"the string opened on line {start} is not closed";
                continue;
            }
            if (c is '{' or '[') open.Push((c, line));
            else if (c is '}' or ']')
            {
                char expected = c == '}' ? '{' : '[';
                if (open.Count == 0) return $"'{c}' on line {line} closes nothing";
                var (bracket, at) = open.Pop();
                if (bracket != expected) return $"'{c}' on line {line} does not close the '{bracket}' opened on line {at}";
            }
        }
        if (open.Count > 0)
        {
            var (bracket, at) = open.Peek();
            return $"the file ends inside the '{bracket}' opened on line {at} (truncated?)";
        }
        return null;
    }

    /// <summary>Index of the closing quote of the string starting at <paramref name="i"/> (plain or triple-quoted), or -1.</summary>
    private static int SkipString(string s, int i, ref int line)
    {
        if (string.CompareOrdinal(s, i, "\"\"\"", 0, 3) == 0)
        {
            int end = s.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            if (end < 0) return -1;
            line += s.AsSpan(i, end - i).Count('\n');
            // A triple-quoted string may end in more quotes ("""a"""" is a"): they belong to it.
            end += 2;
            while (end + 1 < s.Length && s[end + 1] == '"') end++;
            return end;
        }
        for (int j = i + 1; j < s.Length; j++)
        {
            if (s[j] == '\\') { j++; continue; }
            if (s[j] == '"') return j;
            if (s[j] == '\n') return -1; // a plain string ends on its line
        }
        return -1;
    }
}
