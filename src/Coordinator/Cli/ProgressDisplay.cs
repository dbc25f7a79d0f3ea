using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Scyfi.Coordinator.Cli;

/// <summary>One progress reading of a long command.</summary>
/// <param name="Phase">What is running (e.g. "grid", "orders").</param>
/// <param name="Done">Units done in this phase.</param>
/// <param name="Total">Units in this phase.</param>
/// <param name="Unit">Name of a unit (points, orders).</param>
/// <param name="Detail">Extra text (objects found, candidates/s …).</param>
internal readonly record struct WorkProgress(string Phase, double Done, double Total, string Unit, string Detail = "");

/// <summary>
/// Progress of long commands on stderr: a live bar with rate and ETA on a terminal; on a pipe or
/// file, a log line every few seconds (visible with --verbose).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs asynchronous <paramref name="work"/>, which reports <see cref="WorkProgress"/> readings.</summary>
    public static async Task<T> RunAsync<T>(CliContext ctx, string title, Func<IProgress<WorkProgress>, Task<T>> work)
    {
        if (!ctx.Interactive)
        {
            var (reporter, _) = LogReporter(ctx, title);
            return await work(reporter).ConfigureAwait(false);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await Columns(console.Progress()).StartAsync(async pc =>
        {
            var (task, reporter) = BarReporter(pc, title);
            result = await work(reporter).ConfigureAwait(false);
            task.Value = task.MaxValue;
        }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="work"/>, which reports <see cref="WorkProgress"/> readings.</summary>
    public static T Run<T>(CliContext ctx, string title, Func<IProgress<WorkProgress>, T> work)
    {
        if (!ctx.Interactive)
        {
            var (reporter, _) = LogReporter(ctx, title);
            return work(reporter);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        Columns(console.Progress()).Start(pc =>
        {
            var (task, reporter) = BarReporter(pc, title);
            result = work(reporter);
            task.Value = task.MaxValue;
        });
        return result;
    }

    private static Progress Columns(Progress p) => p
        .AutoClear(true)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    /// <summary>Off a terminal: a log line every few seconds (visible with --verbose).</summary>
    private static (IProgress<WorkProgress>, Stopwatch) LogReporter(CliContext ctx, string title)
    {
        var log = ctx.Logger("progress");
        var sw = Stopwatch.StartNew();
        long lastLog = -10_000;
        var reporter = new SyncProgress<WorkProgress>(p =>
        {
            long now = sw.ElapsedMilliseconds;
            long last = Interlocked.Read(ref lastLog);
            if (now - last < 5000 || Interlocked.CompareExchange(ref lastLog, now, last) != last) return;
            log.LogInformation("{Title}: {Phase} {Done}/{Total} {Unit} {Detail}", title, p.Phase, p.Done, p.Total, p.Unit, p.Detail);
        });
        return (reporter, sw);
    }

    /// <summary>On a terminal: one bar whose description carries the phase, counts and rate.</summary>
    private static (ProgressTask, IProgress<WorkProgress>) BarReporter(ProgressContext pc, string title)
    {
        var task = pc.AddTask(title, maxValue: 1);
        string phase = "";
        var started = Stopwatch.StartNew();
        var gate = new object();
        var reporter = new SyncProgress<WorkProgress>(p =>
        {
            lock (gate)
            {
                if (p.Phase != phase)
                {
                    // A new phase restarts the bar, its rate and its ETA.
                    phase = p.Phase;
                    started.Restart();
                    task.StartTask();
                    task.Value = 0;
                }
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = Math.Min(p.Done, task.MaxValue);
                double rate = p.Done / Math.Max(1e-9, started.Elapsed.TotalSeconds);
                task.Description = Markup.Escape($"{title} · {p.Phase}: {p.Done:N0}/{p.Total:N0} {p.Unit} ({rate:N1} {p.Unit}/s){(p.Detail.Length > 0 ? " · " + p.Detail : "")}");
            }
        });
        return (task, reporter);
    }
}

/// <summary>An IProgress that calls back on the reporting thread (no SynchronizationContext hop).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
