using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// One <c>scyfi</c> child process: <c>dotnet scyfi.dll …</c> from the test output directory (the
/// project reference puts it there), stdout and stderr captured line by line. <see cref="Kill"/>
/// is SIGKILL of the whole process tree, i.e. <c>kill -9</c>: no shutdown hook runs.
/// </summary>
internal sealed class ScyfiProcess : IDisposable
{
    private const int TailLines = 60;

    // Children still alive when the test host exits (an aborted or crashed run) are killed too.
    private static readonly ConcurrentDictionary<ScyfiProcess, byte> Live = new();

    static ScyfiProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in Live.Keys) p.Kill();
        };
    }

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private bool _stdoutClosed;
    private TaskCompletionSource _changed = NewSignal();

    private ScyfiProcess(string name, string workingDirectory, IReadOnlyList<string> args)
    {
        Name = name;
        CommandLine = "scyfi " + string.Join(' ', args);
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScyfiDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Add(_stdout, e.Data, closesStdout: true);
        _process.ErrorDataReceived += (_, e) => Add(_stderr, e.Data, closesStdout: false);
        _process.Exited += (_, _) => Signal();
        _process.Start();
        Live.TryAdd(this, 0);
        // Nothing is ever typed: a closed stdin keeps any prompt from waiting.
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), else the one on PATH.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The command line under test, copied into the test output by the project reference.</summary>
    public static string ScyfiDll => Path.Combine(AppContext.BaseDirectory, "scyfi.dll");

    /// <summary>What the test calls it (in messages).</summary>
    public string Name { get; }
    public string CommandLine { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ScyfiProcess Start(string name, string workingDirectory, params string[] args) => new(name, workingDirectory, args);

    public string Stdout
    {
        get { lock (_gate) return string.Join('\n', _stdout); }
    }

    public string Stderr
    {
        get { lock (_gate) return string.Join('\n', _stderr); }
    }

    /// <summary>Waits for a stdout line matching <paramref name="pattern"/>; fails if the process ends first.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var line in _stdout)
                    if (pattern.Match(line) is { Success: true } m) return m;
                if (_stdoutClosed) throw new InvalidOperationException($"{Name} ended without printing a line matching /{pattern}/\n{Describe()}");
                changed = _changed.Task;
            }
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"{Name} printed no line matching /{pattern}/ within {timeout.TotalSeconds:F0} s\n{Describe()}");
            await Task.WhenAny(changed, Task.Delay(left)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to end (and its output to be read); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still running after {timeout.TotalSeconds:F0} s\n{Describe()}");
        }
        return _process.ExitCode;
    }

    /// <summary>kill -9 of the process and its children; returns once it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { /* never started or already reaped */ }
        catch (System.ComponentModel.Win32Exception) { /* exited between the check and the signal */ }
    }

    /// <summary>SIGTERM, as <c>kill PID</c>, a job scheduler or a container stop sends: the process may shut down cleanly.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Command line, exit state and the last lines of both streams, for failure messages.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        string state = _process.HasExited ? $"exit code {_process.ExitCode}" : "running";
        sb.Append("--- ").Append(Name).Append(" (pid ").Append(_process.Id).Append(", ").Append(state).Append("): ").AppendLine(CommandLine);
        lock (_gate)
        {
            Tail(sb, "stdout", _stdout);
            Tail(sb, "stderr", _stderr);
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        Kill();
        Live.TryRemove(this, out _);
        _process.Dispose();
    }

    private static void Tail(StringBuilder sb, string stream, List<string> lines)
    {
        int skip = Math.Max(0, lines.Count - TailLines);
        sb.Append("  ").Append(stream).Append(skip > 0 ? $" (last {TailLines} of {lines.Count} lines)" : "").AppendLine(":");
        foreach (var l in lines.Skip(skip)) sb.Append("    ").AppendLine(l);
    }

    private void Add(List<string> lines, string? line, bool closesStdout)
    {
        lock (_gate)
        {
            if (line is not null) lines.Add(line);
            else if (closesStdout) _stdoutClosed = true;
        }
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = NewSignal();
        }
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
