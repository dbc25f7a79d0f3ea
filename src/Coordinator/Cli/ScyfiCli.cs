using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Scyfi.Core;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// The <c>scyfi</c> command line: parses arguments, runs the chosen command, and maps every user
/// mistake to one line on stderr with exit code 2 (never a stack trace).
/// </summary>
internal static class ScyfiCli
{
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go (default: the console's stdout).</param>
    /// <param name="stderr">Where errors and progress go (default: the console's stderr).</param>
    /// <param name="terminalStdout">Whether <paramref name="stdout"/> is an interactive terminal (colours, links).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, bool terminalStdout = false)
    {
        Consoles.TerminalOutput = terminalStdout ? stdout : null;
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var verbose = new Option<bool>("--verbose") { Description = "Log progress and details to stderr", Recursive = true };
        var root = new RootCommand("Scyfi: exact fixed points, k-cycles and bifurcations of ReLU-based RNNs (PLRNN, shPLRNN, clipped shPLRNN, ALRNN).");
        root.Options.Add(verbose);
        var context = new CliContext(stdout, stderr);
        root.Subcommands.Add(FindCommand.Build(context));
        root.Subcommands.Add(SweepCommand.Build(context));
        root.Subcommands.Add(ConvertCommand.Build(context));
        root.Subcommands.Add(SimulateCommand.Build(context));
        root.Subcommands.Add(TrainCommand.Build(context));
        root.Subcommands.Add(TrajectoryCommand.Build(context));
        foreach (var c in ClusterCommands.Build(context)) root.Subcommands.Add(c);

        // A bare --dashboard must not swallow the word after it (see DashboardOptions.NormalizeArgs).
        ParseResult parsed = root.Parse(DashboardOptions.NormalizeArgs(args));
        // Checked before the parse errors, which would only say "Required command was not provided".
        if (args.Length == 0)
        {
            stderr.WriteLine("scyfi: no command given; try 'scyfi --help'");
            return ExitCodes.BadInput;
        }
        if (parsed.Errors.Count > 0)
        {
            // For 'scyfi frobnicate' System.CommandLine lists "Required command was not provided" first; name the unknown word instead.
            string message = parsed.CommandResult.Command == root && parsed.UnmatchedTokens.Count > 0
                ? $"unknown command or option '{parsed.UnmatchedTokens[0]}'; try 'scyfi --help'"
                : parsed.Errors[0].Message;
            // Some parser messages span lines (e.g. the list of allowed values): keep the one-line contract.
            message = string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            stderr.WriteLine($"scyfi: {message}");
            return ExitCodes.BadInput;
        }
        context.Verbose = parsed.GetValue(verbose);

        // Ctrl-C (SIGINT) and SIGTERM (kill, systemd, a container stopping): the first asks the
        // command to stop cleanly (a sweep leaves a resumable state and says how to resume, a
        // member leaves the cluster, training saves its checkpoint); a second one gets the
        // runtime's default action (the process exits). Not System.CommandLine's handling: it
        // gives a command 2 s and then returns regardless, and a sweep whose shutdown took longer
        // ended without its resume command.
        using var cts = new CancellationTokenSource();
        void OnSignal(PosixSignalContext signal)
        {
            if (cts.IsCancellationRequested) return;   // the second: the default action
            signal.Cancel = true;
            cts.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
            return await parsed.InvokeAsync(invocation, cts.Token);
        }
        catch (ScyfiInputException e)
        {
            stderr.WriteLine($"scyfi: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            stderr.WriteLine("scyfi: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            context.Logger("scyfi").LogError(e, "unexpected failure");
            stderr.WriteLine($"scyfi: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.Internal;
        }
    }
}

/// <summary>What every command needs: output streams and logging.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    private ILoggerFactory? _loggers;

    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public bool Verbose { get; set; }

    /// <summary>True when stderr is an interactive terminal (live progress bars make sense).</summary>
    public bool Interactive => ReferenceEquals(Err, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Logging for the command and everything it starts (Akka included); stderr only.</summary>
    public ILoggerFactory LoggerFactory => _loggers ??= Microsoft.Extensions.Logging.LoggerFactory.Create(b => b
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .AddFilter((category, level) => Verbose || (level >= LogLevel.Warning && !IsStartReporter(category))));

    /// <summary>
    /// Akka.Hosting's service and the generic host log a failed start with the whole exception.
    /// The failure also reaches the command, which reports it in one line (and logs the exception
    /// itself when it is not a user mistake), so without --verbose their copies only add a stack
    /// trace. Neither logs anything else at warning level here: the dashboard's background
    /// service catches its own failures.
    /// </summary>
    private static bool IsStartReporter(string? category) =>
        category is "Akka.Hosting.AkkaHostedService" or "Microsoft.Extensions.Hosting.Internal.Host";

    public ILogger Logger(string category) => LoggerFactory.CreateLogger(category);
}
