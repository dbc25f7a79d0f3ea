namespace Scyfi.Cli.Tests;

/// <summary><c>find</c> without --json: a plain table on stdout (no colours when not a terminal).</summary>
[Collection(CliCollection.Name)]
public sealed class FindTableTests
{
    [Fact]
    public void Table_shows_counts_per_order_and_every_object()
    {
        var r = CliRunner.Run("find", CaseFiles.Model("tent_ar-1.5"), "--max-order", "4", "--threads", "2", "--seed", "1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"objects\"", r.Stdout, StringComparison.Ordinal);

        Assert.Contains("plrnn", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 objects", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("seed 1", r.Stdout, StringComparison.Ordinal);

        // Column widths are Spectre's business; the cells of each row are what we promise.
        var rows = r.Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        // order, objects, stable, saddle, unstable, non-hyperbolic
        Assert.Contains(["1", "1", "0", "0", "1", "0"], rows);
        Assert.Contains(["2", "1", "1", "0", "0", "0"], rows);
        Assert.Contains(["3", "0", "0", "0", "0", "0"], rows);
        Assert.Contains(["4", "0", "0", "0", "0", "0"], rows);
        // #, order, stability, ρ, first point, itinerary (one pattern per point)
        Assert.Contains(rows, row => row is ["1", "1", "unstable", "1.5", "(0.4)", "1"]);
        Assert.Contains(rows, row => row.Length == 7 && row[1] == "2" && row[2] == "stable" && row[3] == "0.3" && row[5..] is ["0", "1"] or ["1", "0"]);
    }

    [Fact]
    public void Table_reports_the_exhaustive_mode_and_each_stability_label()
    {
        var r = CliRunner.Run("find", CaseFiles.Model("oneswitch_al1.6_ar0"), "--max-order", "2", "--exhaustive", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("exhaustive", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 objects", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("saddle", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(" stable ", r.Stdout, StringComparison.Ordinal);
    }
}
