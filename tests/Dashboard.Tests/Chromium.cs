using Microsoft.Playwright;

namespace Scyfi.Dashboard.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET. Never Playwright's own browser download (this
/// machine's network reaches only the package registries). A missing Chromium fails the test — it
/// is never skipped — with the command that installs it.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser: SCYFI_CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SCYFI_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>
    /// Headless, and quiet on the network: without the background-networking flags Chromium keeps
    /// trying Google's services, which this machine's closed network refuses.
    /// </summary>
    public static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Chromium is not installed at {ExecutablePath}, so the browser test cannot run (it is never skipped). " +
                "Install Debian's Chromium and fonts: sudo apt-get install -y chromium fonts-liberation fonts-dejavu-core " +
                "(./test.sh does this when it is missing), or point SCYFI_CHROMIUM at a Chromium binary.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Flags,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
