using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Who may act through the API. Without a token the dashboard is read-only (403 for every action);
/// with one, an action needs <c>Authorization: Bearer TOKEN</c> (401 without it, 403 with a wrong
/// one). A header, never a cookie, so another site's page cannot make the browser act (no CSRF).
/// </summary>
internal static class ActionGuard
{
    /// <summary>Null when the request may act; otherwise the refusal to send.</summary>
    public static IResult? Check(HttpContext http, DashboardSettings settings)
    {
        if (!settings.ActionsEnabled)
            return Results.Json(new { error = "the dashboard is read-only: start it with --dashboard-token (or SCYFI_DASHBOARD_TOKEN) to allow actions" },
                DashboardJson.Options, statusCode: StatusCodes.Status403Forbidden);
        string header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"scyfi\"";
            return Results.Json(new { error = "this action needs 'Authorization: Bearer TOKEN' (the --dashboard-token given at start)" },
                DashboardJson.Options, statusCode: StatusCodes.Status401Unauthorized);
        }
        // Constant-time comparison: the time taken must not tell how much of a guess was right.
        var given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(settings.Token!);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(expected)))
            return Results.Json(new { error = "wrong token" }, DashboardJson.Options, statusCode: StatusCodes.Status403Forbidden);
        return null;
    }
}
