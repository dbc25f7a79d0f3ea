using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scyfi.Coordinator.Cli;
using Xunit.Abstractions;

namespace Scyfi.Dashboard.Tests;

/// <summary>
/// The page in a real headless Chromium, against <c>scyfi sweep … --dashboard</c> (the command
/// line, run in this process) while the sweep runs: the page loads, shows the node, the progress
/// advances, and the map fills in with coloured cells; then the test cancels the sweep through the
/// token-guarded API. Screenshots go to screenshots/ in the test output folder.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class BrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private const string Token = "browser-test-token";

    [GeneratedRegex(@"^scyfi dashboard at (http://\S+)")]
    private static partial Regex DashboardLine();

    /// <summary>Counts the canvas pixels with colour (not white, grey or black): drawn regime cells.</summary>
    private const string ColouredPixels = """
        () => {
          const c = document.querySelector('#map');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            const max = Math.max(d[i], d[i + 1], d[i + 2]), min = Math.min(d[i], d[i + 1], d[i + 2]);
            if (d[i + 3] > 0 && max - min > 40) n++;
          }
          return n;
        }
        """;

    [Fact]
    public async Task The_page_shows_the_node_the_advancing_progress_and_the_map_filling_in()
    {
        using var dir = new TempDirectory();
        // 401² points in tiles of 6²: 4 489 tiles, one at a time, minutes of work: the sweep is
        // still running whenever the page gets to look, however loaded the machine (it once ended
        // before a slow browser had connected). The test cancels it at the end.
        string spec = dir.Write("spec.json", SweepSpecs.OneSwitch(401, 6));
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var sweep = Task.Run(() => ScyfiCli.RunAsync(
            ["sweep", spec, "--out", dir.File("out"), "--store", dir.File("scyfi.db"), "--id", "browser", "--threads", "1", "--dashboard", "http://127.0.0.1:0", "--dashboard-token", Token],
            stdout, stderr));
        string? url = null;
        try
        {
            url = (await stdout.WaitForAsync(DashboardLine(), sweep, TimeSpan.FromMinutes(1))).Groups[1].Value;
            output.WriteLine($"dashboard at {url}");

            var (playwright, browser) = await Chromium.LaunchAsync();
            using var _ = playwright;
            await using var __ = browser;
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var errors = new List<string>();
            page.PageError += (_, e) => errors.Add(e);
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);

            await page.GotoAsync(url);
            Assert.Equal("Scyfi cluster", await page.TitleAsync());

            // The node: this process's member, up, with both roles.
            var row = page.Locator("#nodes tbody tr[data-address]");
            await row.First.WaitForAsync();
            Assert.Equal(1, await row.CountAsync());
            string address = (await row.First.GetAttributeAsync("data-address"))!;
            Assert.StartsWith("akka.tcp://scyfi@127.0.0.1:", address);
            string rowText = await row.First.InnerTextAsync();
            Assert.Contains("(this node)", rowText);
            Assert.Contains("up", rowText);
            Assert.Contains("worker", rowText);
            await page.Locator("#connection.on").WaitForAsync();

            // The progress advances while the page is open (live, no reload).
            var card = page.Locator(".sweep[data-id='browser']");
            await card.WaitForAsync();
            int first = int.Parse((await card.GetAttributeAsync("data-tiles-done"))!);
            await page.WaitForFunctionAsync(
                $"() => {{ const c = document.querySelector(\".sweep[data-id='browser']\"); return c && +c.dataset.tilesDone > {first} + 3; }}");
            int later = int.Parse((await card.GetAttributeAsync("data-tiles-done"))!);
            output.WriteLine($"tiles done: {first} when first shown, {later} later");
            Assert.True(later > first);
            Assert.Matches(@"tiles \d+/4,489", await card.Locator(".progress-text").InnerTextAsync());

            // The map renders regime colours and its legend.
            await page.WaitForFunctionAsync($"() => ({ColouredPixels})() > 2000");
            int coloured = await page.EvaluateAsync<int>(ColouredPixels);
            output.WriteLine($"{coloured} coloured pixels on the map");
            Assert.True(await page.Locator("#legend .entry").CountAsync() >= 2);
            Assert.Contains("browser", await page.Locator("#map-status").InnerTextAsync());

            string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(shots);
            string shot = Path.Combine(shots, "dashboard-running.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine($"screenshot: {shot}");
            Assert.True(new FileInfo(shot).Length > 10_000);

            // Events arrived through the stream, and the page threw nothing.
            Assert.True(await page.Locator("#events li[data-kind='sweep-submitted']").CountAsync() >= 1);
            Assert.Empty(errors);
        }
        finally
        {
            if (url is not null)
            {
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
                using var cancel = await http.PostAsync("api/sweeps/browser/cancel", null);
                output.WriteLine($"cancel: {(int)cancel.StatusCode}");
            }
            int code = await sweep.WaitAsync(Timeout);
            output.WriteLine(stderr.ToString());
            // A cancelled sweep ends `scyfi sweep` with exit code 1 and the resume command.
            Assert.True(code == 1, $"scyfi sweep --dashboard ended with exit code {code}:\n{stdout}\n{stderr}");
        }
        Assert.Contains("sweep browser was cancelled", stderr.ToString());
    }
}
