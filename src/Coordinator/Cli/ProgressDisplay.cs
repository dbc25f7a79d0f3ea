using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Scyfi.Core.Cycles;
using Spectre.Console;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Progress of long commands on stderr: a live bar with rate and ETA on a terminal, periodic log
/// lines otherwise (when --verbose), nothing at all for short runs.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> showing cycle-search progress.</summary>
    public static T Run<T>(CliContext ctx, string title, int total, string unit, Func<IProgress<FindProgress>, T> work)
    {
        var log = ctx.Logger("progress");
        var sw = Stopwatch.StartNew();
        if (!ctx.Interactive)
        {
            long lastLog = 0;
            var reporter = new Progress<FindProgress>(p =>
            {
                long now = sw.ElapsedMilliseconds;
                if (now - Interlocked.Read(ref lastLog) < 5000) return;
                Interlocked.Exchange(ref lastLog, now);
                log.LogInformation("{Title}: {Done}/{Total} {Unit}, {Candidates} candidates ({Rate:F0}/s), {Objects} objects",
                    title, p.OrdersDone, p.OrdersTotal, unit, p.Candidates, p.Candidates / Math.Max(1e-9, sw.Elapsed.TotalSeconds), p.Objects);
            });
            return work(reporter);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(pc =>
            {
                var task = pc.AddTask(title, maxValue: total);
                var reporter = new SyncProgress<FindProgress>(p =>
                {
                    task.Value = p.OrdersDone;
                    double rate = p.Candidates / Math.Max(1e-9, sw.Elapsed.TotalSeconds);
                    task.Description = $"{title}: {p.OrdersDone}/{p.OrdersTotal} {unit}, {rate:N0} candidates/s, {p.Objects} objects";
                });
                result = work(reporter);
                task.Value = total;
            });
        return result;
    }
}

/// <summary>An IProgress that calls back on the reporting thread (no SynchronizationContext hop).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
