using System.CommandLine;
using System.Text.RegularExpressions;
using Scyfi.Coordinator.Dashboard;
using Scyfi.Core;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// <c>--dashboard [URL]</c> and <c>--dashboard-token TOKEN</c> on the commands that run a cluster
/// member (sweep, resume, coordinator, node). The URL is optional: a bare <c>--dashboard</c> means
/// <see cref="DashboardSettings.DefaultUrl"/>.
/// </summary>
internal sealed partial class DashboardOptions
{
    private const string Name = "--dashboard";

    /// <summary>The dashboard address; the parser yields the default URL when no value follows the flag.</summary>
    public Option<string?> Dashboard { get; } = new(Name)
    {
        Description = $"Serve the live dashboard, JSON API, /healthz and /metrics at URL ({DashboardSettings.DefaultUrl} when no URL follows)",
        HelpName = "URL",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = r => r.Tokens.Count == 0 ? DashboardSettings.DefaultUrl : r.Tokens[0].Value,
    };

    /// <summary>Token that unlocks actions (cancel) through the API.</summary>
    public Option<string?> Token { get; } = new("--dashboard-token")
    {
        Description = $"Allow actions (cancel a sweep) through the dashboard for requests with 'Authorization: Bearer TOKEN' (or set {DashboardSettings.TokenVariable}); read-only without",
        HelpName = "TOKEN",
    };

    public void AddTo(Command c)
    {
        c.Options.Add(Dashboard);
        c.Options.Add(Token);
    }

    /// <summary>The dashboard asked for on the command line or in the node's config file, or null.</summary>
    public DashboardSettings? Resolve(ParseResult p, string? configUrl)
    {
        string? url = p.GetValue(Dashboard) ?? configUrl;
        string? token = p.GetValue(Token);
        if (token is null && Environment.GetEnvironmentVariable(DashboardSettings.TokenVariable) is { Length: > 0 } fromEnv) token = fromEnv;
        if (url is null)
        {
            if (p.GetValue(Token) is not null) throw new ScyfiInputException("--dashboard-token needs --dashboard");
            return null;
        }
        return DashboardSettings.Parse(url, token);
    }

    /// <summary>Prints where the dashboard of a started member listens (stdout: scripts and tests read it).</summary>
    public static void Announce(CliContext ctx, Cluster.ScyfiNode node)
    {
        if (node.DashboardUrl is not { } url) return;
        ctx.Out.WriteLine($"scyfi dashboard at {url}");
        ctx.Out.Flush();
    }

    /// <summary>
    /// Makes a bare <c>--dashboard</c> unambiguous before parsing. An option with an optional value
    /// would otherwise swallow the next word, so <c>scyfi sweep --dashboard spec.json</c> would take
    /// the spec for the URL. When the word after the flag does not look like an address
    /// (SCHEME://…, HOST:PORT, :PORT), the default URL is inserted after the flag.
    /// </summary>
    public static string[] NormalizeArgs(string[] args)
    {
        var result = new List<string>(args.Length + 1);
        for (int i = 0; i < args.Length; i++)
        {
            result.Add(args[i]);
            if (args[i] == "--") { result.AddRange(args[(i + 1)..]); break; }
            if (args[i] != Name) continue;
            if (i + 1 == args.Length || !LooksLikeAddress(args[i + 1])) result.Add(DashboardSettings.DefaultUrl);
        }
        return result.ToArray();
    }

    // Anything with a scheme is meant as the URL (and is then checked, so ftp://… gets a clear error).
    private static bool LooksLikeAddress(string word) => word.Contains("://", StringComparison.Ordinal) || HostPort().IsMatch(word);

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]*):\d{1,5}/?$")]
    private static partial Regex HostPort();
}
