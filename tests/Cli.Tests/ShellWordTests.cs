using System.Diagnostics;
using Scyfi.Coordinator.Cli;

namespace Scyfi.Cli.Tests;

/// <summary>
/// The resume command printed after an interruption is pasted into a shell: each of its
/// arguments must arrive as the one word it was.
/// </summary>
public sealed class ShellWordTests
{
    [Theory]
    [InlineData("postgres://127.0.0.1:5432/scyfi")]
    [InlineData("/home/me/runs/s.db")]
    [InlineData("results")]
    public void A_plain_word_is_left_as_it_is(string word) => Assert.Equal(word, ShellWord.Quote(word));

    [Theory]
    [InlineData("postgres://db.example.org:5432/sweeps?sslmode=require&application_name=scyfi%20node")]
    [InlineData("/tmp/my runs/s.db")]
    [InlineData("it's $HOME; `id` *")]
    [InlineData("")]
    public void Any_other_text_reaches_a_shell_command_as_one_unchanged_argument(string text)
    {
        string quoted = ShellWord.Quote(text);
        Assert.NotEqual(text, quoted);
        var psi = new ProcessStartInfo("bash", ["-c", $"printf '<%s>' {quoted}"])
        {
            RedirectStandardOutput = true,
        };
        using var bash = Process.Start(psi)!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal(0, bash.ExitCode);
        // One argument, byte for byte: printf '<%s>' prints one pair of brackets per argument.
        Assert.Equal($"<{text}>", output);
    }
}
