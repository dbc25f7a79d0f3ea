using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// A member that Akka.NET cannot start because of the user's <c>--akka-config</c> is a user
/// mistake: one line on stderr naming the option, exit code 2. With a real process, because the
/// copies of the failure that Akka.Hosting and the generic host log (whole stack traces) go to
/// the process's own stderr, which an in-process run of the command line does not capture.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StartFailureTests(ITestOutputHelper output)
{
    [Theory]
    // Valid HOCON that only Akka.NET's sharding rejects, when it starts.
    [InlineData("akka.cluster.sharding.state-store-mode = banana", "banana")]
    // A scheduler tick the actor system cannot read: the error comes wrapped in a reflection
    // exception, and only the innermost message names the value.
    [InlineData("akka.scheduler.tick-duration = soon", "'soon'")]
    public async Task An_akka_config_that_breaks_the_start_gives_one_line_and_exit_code_2(string hocon, string named)
    {
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(points: 5, tile: 5));
        string conf = dir.Write("akka.conf", hocon + "\n");

        var p = procs.Start("sweep", "sweep", spec, "--out", dir.File("out"), "--store", dir.File("s.db"), "--akka-config", conf);
        int code = await p.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == 2, p.Describe());
        string line = Assert.Single(p.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("scyfi: ", line, StringComparison.Ordinal);
        Assert.Contains("--akka-config", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
