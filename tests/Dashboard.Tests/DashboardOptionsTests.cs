using System.Net;
using System.Net.Sockets;
using Scyfi.Coordinator.Cli;
using Scyfi.Coordinator.Dashboard;

namespace Scyfi.Dashboard.Tests;

/// <summary>The --dashboard [URL] and --dashboard-token options: parsing, defaults and user errors (exit 2, one line).</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardOptionsTests
{
    [Theory]
    [InlineData("sweep s.json --dashboard", "sweep s.json --dashboard http://127.0.0.1:8080")]
    [InlineData("sweep --dashboard s.json --out o", "sweep --dashboard http://127.0.0.1:8080 s.json --out o")]
    [InlineData("sweep s.json --dashboard --out o", "sweep s.json --dashboard http://127.0.0.1:8080 --out o")]
    [InlineData("coordinator --dashboard http://0.0.0.0:9000", "coordinator --dashboard http://0.0.0.0:9000")]
    [InlineData("coordinator --dashboard 127.0.0.1:9000", "coordinator --dashboard 127.0.0.1:9000")]
    [InlineData("coordinator --dashboard :9000", "coordinator --dashboard :9000")]
    [InlineData("coordinator --dashboard=http://127.0.0.1:9", "coordinator --dashboard=http://127.0.0.1:9")]
    [InlineData("find m.json -- --dashboard", "find m.json -- --dashboard")]
    public void A_bare_dashboard_flag_gets_the_default_url_and_never_swallows_the_next_word(string args, string expected)
    {
        Assert.Equal(expected, string.Join(' ', DashboardOptions.NormalizeArgs(args.Split(' '))));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("127.0.0.1:0", "http://127.0.0.1:0/")]
    [InlineData("http://0.0.0.0:9000/", "http://0.0.0.0:9000/")]
    [InlineData("http://[::1]:9000", "http://[::1]:9000/")]
    [InlineData("http://localhost:9000", "http://localhost:9000/")]
    public void Addresses_are_normalised(string text, string url)
    {
        Assert.Equal(url, DashboardSettings.Parse(text, null).Url.ToString());
    }

    [Theory]
    [InlineData("sweep SPEC --out OUT --dashboard https://127.0.0.1:8080", "only http://")]
    [InlineData("sweep SPEC --out OUT --dashboard http://127.0.0.1:8080/dash", "no path")]
    [InlineData("sweep SPEC --out OUT --dashboard http://example.org:8080", "IP address")]
    [InlineData("sweep SPEC --out OUT --dashboard ftp://127.0.0.1:21", "http://")]
    [InlineData("sweep SPEC --out OUT --dashboard --dashboard-token short", "at least 12 characters")]
    [InlineData("sweep SPEC --out OUT --dashboard-token long-enough-token", "--dashboard-token needs --dashboard")]
    public async Task Bad_dashboard_options_are_one_line_errors_with_exit_code_2(string args, string message)
    {
        using var dir = new TempDirectory();
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(5, 5));
        var argv = args.Replace("SPEC", spec).Replace("OUT", dir.File("out")).Split(' ').Append("--store").Append(dir.File("s.db")).ToArray();
        var (code, stdout, stderr) = await RunAsync(argv);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("scyfi: --dashboard", line);
        Assert.Contains(message, line);
        Assert.False(Directory.Exists(dir.File("out")), "nothing may be written on a user error");
    }

    [Fact]
    public async Task An_address_in_use_is_a_one_line_error_with_exit_code_2()
    {
        using var dir = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, _, stderr) = await RunAsync(["coordinator", "--store", dir.File("s.db"), "--dashboard", $"http://127.0.0.1:{port}"]);
        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("scyfi:", StringComparison.Ordinal));
        Assert.Contains($"--dashboard http://127.0.0.1:{port}/", line);
        Assert.Contains("address already in use", line);
    }

    [Fact]
    public async Task Help_of_the_member_commands_shows_the_dashboard_options()
    {
        foreach (var command in new[] { "sweep", "resume", "coordinator", "node" })
        {
            var (code, stdout, _) = await RunAsync([command, "--help"]);
            Assert.Equal(0, code);
            Assert.Contains("--dashboard", stdout);
            Assert.Contains("--dashboard-token", stdout);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        int code = await ScyfiCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
