using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// Issue 4: "Ctrl-C leaves a resumable sweep", with a real process and a real signal. SIGTERM
/// (what <c>kill</c>, a job scheduler or a container stop sends; the CLI treats it as Ctrl-C) stops
/// the embedded <c>scyfi sweep</c> cleanly: exit code 130, and as its last line the command that
/// continues the sweep. That command, pasted into a shell as the user would, finishes the sweep
/// with exactly the results of an uninterrupted run.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class EmbeddedSweepStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SIGTERM_stops_the_sweep_with_a_resume_command_that_finishes_it_identically()
    {
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        // Spaces in the folder and the store: the printed command must quote them for the shell.
        string referenceOut = dir.File("reference"), resumedOut = dir.File("my results");
        string referenceStore = dir.File("reference.db"), store = dir.File("stopped store.db");
        var (reference, victim) = EmbeddedSweepRuns.Start(procs, dir, "stopped sweep", referenceOut, referenceStore, resumedOut, store, "e2e-stopped");

        await procs.WaitForStatusAsync(store, "e2e-stopped", s => s.TilesDone >= s.TilesTotal / 4, victim, EmbeddedSweepRuns.RunTimeout);
        var clock = Stopwatch.StartNew();
        victim.Terminate();
        Assert.Equal(130, await victim.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        procs.Log($"SIGTERM: the sweep stopped after {clock.Elapsed.TotalSeconds:F1} s");

        // The resume command is the last line: nothing logged while the node left comes after it.
        string last = victim.Stderr.Split('\n').Last(l => l.Trim().Length > 0);
        var hint = Hint().Match(last);
        Assert.True(hint.Success, $"the last line is not the resume command: '{last}'\n{victim.Describe()}");
        int toldDone = int.Parse(hint.Groups["done"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(toldDone > 0 && toldDone < int.Parse(hint.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture), last);
        // The store's row is not behind what the user was told.
        var stopped = await procs.StatusAsync(store, "e2e-stopped");
        Assert.NotNull(stopped);
        Assert.Equal("running", stopped.State);
        Assert.True(stopped.TilesDone >= toldDone, $"the store says {stopped.TilesDone} tiles, the message {toldDone}");

        string[] words = await ShellWordsAsync(hint.Groups["command"].Value, dir.Path);
        Assert.Equal(["scyfi", "resume", "e2e-stopped", "--out", resumedOut, "--store", store], words);
        var resume = procs.Start("resume as printed", words[1..]);
        Assert.True(await resume.WaitForExitAsync(EmbeddedSweepRuns.RunTimeout) == 0, $"the printed resume command failed\n{resume.Describe()}");
        Assert.True(await reference.WaitForExitAsync(EmbeddedSweepRuns.RunTimeout) == 0, $"the uninterrupted sweep failed\n{reference.Describe()}");

        await EmbeddedSweepRuns.AssertFinishedLikeTheReferenceAsync(procs, referenceOut, resumedOut, store, "e2e-stopped");
    }

    [GeneratedRegex(@"^scyfi: sweep e2e-stopped interrupted after (?<done>\d+)/(?<total>\d+) tiles; continue with: (?<command>scyfi resume .+)$")]
    private static partial Regex Hint();

    /// <summary>The words bash makes of <paramref name="command"/> (quotes removed), as a user pasting it would run.</summary>
    private static async Task<string[]> ShellWordsAsync(string command, string workingDirectory)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("printf '%s\\0' " + command);
        using var bash = Process.Start(start)!;
        string words = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.Equal(0, bash.ExitCode);
        return words.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
