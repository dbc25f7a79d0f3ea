using System.Diagnostics;
using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// The child processes of one test. Disposing kills every one still running, so a failing
/// assertion or a timeout never leaves a cluster member behind.
/// </summary>
internal sealed class ScyfiProcesses(string workingDirectory, ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly List<ScyfiProcess> _all = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts <c>scyfi ARGS</c> in the background.</summary>
    public ScyfiProcess Start(string name, params string[] args)
    {
        var p = ScyfiProcess.Start(name, workingDirectory, args);
        lock (_all) _all.Add(p);
        Log($"started {name} (pid {p.Id}): {p.CommandLine}");
        return p;
    }

    /// <summary>Runs a short command to its end; a non-zero exit fails the test with its output.</summary>
    public async Task<string> RunAsync(string name, TimeSpan timeout, params string[] args)
    {
        using var p = ScyfiProcess.Start(name, workingDirectory, args);
        int code = await p.WaitForExitAsync(timeout);
        if (code != 0) throw new InvalidOperationException($"{name} failed\n{p.Describe()}");
        return p.Stdout;
    }

    /// <summary>
    /// Polls <c>scyfi status --json</c> until the sweep satisfies <paramref name="until"/>. Fails
    /// early when <paramref name="watched"/> (the process running the sweep) ends first.
    /// </summary>
    public async Task<SweepStatusJson> WaitForStatusAsync(string store, string sweepId, Func<SweepStatusJson, bool> until, ScyfiProcess watched, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        SweepStatusJson? last = null;
        while (true)
        {
            if (watched.HasExited) throw new InvalidOperationException($"{watched.Name} ended before the sweep reached the wanted state (last status: {last})\n{DescribeAll()}");
            var now = await StatusAsync(store, sweepId);
            if (now?.TilesDone != last?.TilesDone) Log($"status: {now}");
            last = now;
            if (last is not null && until(last)) return last;
            if (clock.Elapsed > timeout) throw new TimeoutException($"sweep {sweepId} did not reach the wanted state within {timeout.TotalSeconds:F0} s (last status: {last})\n{DescribeAll()}");
            // Each poll starts a .NET process: polling faster would take CPU from the sweep under test.
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The sweep as <c>scyfi status --json --store STORE</c> shows it; null before it exists.</summary>
    public async Task<SweepStatusJson?> StatusAsync(string store, string sweepId)
    {
        string json = await RunAsync("status", TimeSpan.FromMinutes(1), "status", "--json", "--store", store);
        return SweepStatusJson.Find(json, sweepId);
    }

    public void Log(string message) => log.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {message}");

    /// <summary>Every process of the test, for failure messages.</summary>
    public string DescribeAll()
    {
        lock (_all) return string.Join('\n', _all.Select(p => p.Describe()));
    }

    public void Dispose()
    {
        lock (_all)
        {
            foreach (var p in _all) p.Dispose();
            _all.Clear();
        }
    }
}
