using System.Text;
using System.Text.RegularExpressions;

namespace Scyfi.Dashboard.Tests;

/// <summary>A thread-safe stdout for an in-process <c>scyfi</c> command: keeps its lines and lets a test wait for one.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) _text.Append(value);
    }

    public override string ToString()
    {
        lock (_gate) return _text.ToString();
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>; fails when <paramref name="running"/> ends first.</summary>
    public async Task<Match> WaitForAsync(Regex pattern, Task running, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var line in ToString().Split('\n'))
                if (pattern.Match(line) is { Success: true } m) return m;
            if (running.IsCompleted) throw new InvalidOperationException($"the command ended (exit {(running.IsCompletedSuccessfully ? ((Task<int>)running).Result : -1)}) without printing /{pattern}/:\n{this}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"no line matching /{pattern}/ within {timeout.TotalSeconds:F0} s:\n{this}");
            await Task.Delay(100);
        }
    }
}
