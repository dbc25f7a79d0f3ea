using System.Net;
using Scyfi.Core;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Where the dashboard (page, JSON API, health and metrics endpoints) listens and who may act
/// through it. Read-only unless a token is set: then POST actions need <c>Authorization: Bearer TOKEN</c>.
/// </summary>
public sealed record DashboardSettings
{
    /// <summary>Address used when <c>--dashboard</c> is given without one: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Environment variable read for the token when <c>--dashboard-token</c> is absent (keeps it out of <c>ps</c>).</summary>
    public const string TokenVariable = "SCYFI_DASHBOARD_TOKEN";

    /// <summary>Shortest accepted token: anything shorter is guessable.</summary>
    public const int MinTokenLength = 12;

    /// <summary>The listening address, normalised to <c>http://host:port</c> (port 0 = any free port).</summary>
    public required Uri Url { get; init; }

    /// <summary>The token that unlocks actions, or null for a read-only dashboard.</summary>
    public string? Token { get; init; }

    /// <summary>How often the cluster, the coordinator and the store are polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the journal probe writes (journal write latency).</summary>
    public TimeSpan JournalProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>True when actions (cancel) are allowed with the token.</summary>
    public bool ActionsEnabled => Token is { Length: > 0 };

    /// <summary>
    /// Parses what the user wrote after <c>--dashboard</c>: <c>http://HOST:PORT</c>, or
    /// <c>HOST:PORT</c>. Only plain HTTP is served (TLS belongs to a proxy in front, see
    /// docs/operations.md); a path, query or user part is refused rather than silently dropped.
    /// </summary>
    public static DashboardSettings Parse(string text, string? token)
    {
        string t = text.Trim();
        if (t.Length == 0) throw new ScyfiInputException("--dashboard: empty address");
        if (!t.Contains("://", StringComparison.Ordinal)) t = "http://" + t;
        if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ScyfiInputException($"--dashboard: '{text}' is not an address like {DefaultUrl}");
        if (uri.Scheme == Uri.UriSchemeHttps)
            throw new ScyfiInputException("--dashboard: only http:// is served; put a TLS-terminating proxy in front for https (docs/operations.md)");
        if (uri.Scheme != Uri.UriSchemeHttp)
            throw new ScyfiInputException($"--dashboard: '{text}' must start with http://");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new ScyfiInputException($"--dashboard: '{text}' must be only http://HOST:PORT (no path)");
        if (uri.HostNameType == UriHostNameType.Dns && !string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            throw new ScyfiInputException($"--dashboard: bind to an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, not '{uri.Host}'");
        if (uri.HostNameType != UriHostNameType.Dns && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
            throw new ScyfiInputException($"--dashboard: '{uri.Host}' is not an IP address");
        if (token is not null)
        {
            token = token.Trim();
            if (token.Length < MinTokenLength)
                throw new ScyfiInputException($"--dashboard-token: use at least {MinTokenLength} characters (e.g. openssl rand -hex 16)");
        }
        return new DashboardSettings { Url = new Uri($"http://{uri.Authority}"), Token = token };
    }
}
