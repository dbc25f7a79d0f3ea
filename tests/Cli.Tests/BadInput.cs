namespace Scyfi.Cli.Tests;

/// <summary>The contract for every user mistake: exit code 2, one line on stderr naming it, nothing on stdout.</summary>
internal static class BadInput
{
    public static void AssertRejected(CliResult r, string mentions)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("\n", r.Stderr, StringComparison.Ordinal);
        string line = Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("scyfi: ", line, StringComparison.Ordinal);
        Assert.Contains(mentions, line, StringComparison.OrdinalIgnoreCase);
    }
}
