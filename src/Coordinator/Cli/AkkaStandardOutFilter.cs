using System.Text;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// What <see cref="Console.Out"/> becomes in the scyfi process: Akka.NET's StandardOutLogger writes
/// its last shutdown lines ("[INFO]… Remoting shut down") there whatever stdout-loglevel says
/// (akka.net#5246), after Scyfi's own logger is gone. Its INFO and DEBUG lines are dropped (with
/// <c>--verbose</c> the same events already went through the logger); warnings, errors and
/// anything else reach <paramref name="inner"/> (stderr) unchanged.
/// </summary>
internal sealed class AkkaStandardOutFilter(TextWriter inner) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => inner.Write(value);

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (!IsRoutine(value)) inner.Write(value);
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        if (!IsRoutine(value)) inner.WriteLine(value);
    }

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();

    /// <summary>
    /// Whether a line is one of Akka.NET's routine (INFO or DEBUG) log lines, or Akka.Hosting's
    /// "Unable to start AkkaHostedService" with the exception's stack: the start failure reaches
    /// the command, which reports it in one line (and logs the exception if it is not the user's).
    /// </summary>
    public static bool IsRoutine(string? line) =>
        line is not null && (line.StartsWith("[INFO]", StringComparison.Ordinal) || line.StartsWith("[DEBUG]", StringComparison.Ordinal)
            || line.StartsWith("Unable to start AkkaHostedService", StringComparison.Ordinal));
}
