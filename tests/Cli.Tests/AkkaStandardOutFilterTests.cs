using Scyfi.Coordinator.Cli;
using Xunit;

namespace Scyfi.Cli.Tests;

/// <summary>The filter on Console.Out that keeps Akka.NET's routine shutdown lines off the terminal.</summary>
public sealed class AkkaStandardOutFilterTests
{
    [Fact]
    public void Routine_Akka_lines_are_dropped_and_everything_else_passes()
    {
        var stderr = new StringWriter();
        var filter = new AkkaStandardOutFilter(stderr);
        filter.WriteLine("[INFO][11/28/2026 17:37:52.974Z][Thread 0009][remoting (akka://scyfi)] Remoting shut down");
        filter.WriteLine("[DEBUG][11/28/2026 17:37:52.975Z][Thread 0009][remoting] stopped");
        filter.WriteLine("[WARNING][11/28/2026 17:37:52.976Z][Thread 0009][remoting] association failed");
        filter.WriteLine("[ERROR][11/28/2026 17:37:52.977Z][Thread 0009][journal] write failed");
        filter.Write("plain text ");
        filter.Write('!');
        filter.WriteLine();

        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[WARNING]", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[ERROR]", lines[1], StringComparison.Ordinal);
        Assert.Equal("plain text !", lines[2]);
    }
}
