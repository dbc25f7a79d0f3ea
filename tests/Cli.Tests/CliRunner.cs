using Scyfi.Coordinator.Cli;

namespace Scyfi.Cli.Tests;

/// <summary>What one in-process run of the command line produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout:\n{Stdout}\n--- stderr:\n{Stderr}";
}

/// <summary>Runs <c>scyfi</c> in-process, capturing stdout and stderr in memory.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // Blocking here keeps the tests synchronous; RunAsync does no work that needs a free test thread.
        int code = ScyfiCli.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
