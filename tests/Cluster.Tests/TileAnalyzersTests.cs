using Scyfi.AnalysisNode;
using Scyfi.Core;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A node parses a sweep's spec and builds its point analyzer (with the region pool of a shPLRNN)
/// once for all the sweep's tiles, never uses one sweep's analyzer for another spec, and keeps only
/// a few sweeps.
/// </summary>
public sealed class TileAnalyzersTests
{
    private static string Spec(int seed) => Specs.OneSwitch(9, 3).ToJson().Replace("\"seed\":4", $"\"seed\":{seed}", StringComparison.Ordinal);

    [Fact]
    public void Tiles_of_one_sweep_share_its_spec_grid_and_analyzer()
    {
        var analyzers = new TileAnalyzers();
        var first = analyzers.For(Spec(4));
        var second = analyzers.For(Spec(4));
        Assert.Same(first, second);
        Assert.Same(first.Analyzer, second.Analyzer);
        Assert.Equal(9 * 9, first.Grid.PointCount);
    }

    [Fact]
    public void A_different_spec_gets_an_analyzer_of_its_own()
    {
        var analyzers = new TileAnalyzers();
        var a = analyzers.For(Spec(4));
        var b = analyzers.For(Spec(5));
        Assert.NotSame(a.Analyzer, b.Analyzer);
        Assert.Equal(4UL, a.Spec.Seed);
        Assert.Equal(5UL, b.Spec.Seed);
    }

    [Fact]
    public void The_least_recently_used_sweep_is_dropped_beyond_the_capacity()
    {
        var analyzers = new TileAnalyzers(capacity: 2);
        var a = analyzers.For(Spec(1));
        var b = analyzers.For(Spec(2));
        Assert.Same(a, analyzers.For(Spec(1)));  // a is now the most recent
        analyzers.For(Spec(3));                  // drops b
        Assert.Same(a, analyzers.For(Spec(1)));
        Assert.NotSame(b, analyzers.For(Spec(2)));
    }

    [Fact]
    public void A_bad_spec_throws_and_leaves_nothing_behind()
    {
        var analyzers = new TileAnalyzers(capacity: 1);
        var a = analyzers.For(Spec(1));
        Assert.Throws<ScyfiInputException>(() => analyzers.For("{\"model\": 1"));
        Assert.Same(a, analyzers.For(Spec(1)));
    }

    [Fact]
    public void A_sweeps_spec_is_read_from_the_store_once_for_all_its_tiles()
    {
        var analyzers = new TileAnalyzers();
        var reads = new List<string>();
        string? Read(string id) { reads.Add(id); return id == "s1" ? Spec(4) : id == "s2" ? Spec(4) : null; }
        var first = analyzers.ForSweep("s1", Read);
        var again = analyzers.ForSweep("s1", Read);
        Assert.Same(first, again);
        Assert.Equal(["s1"], reads);
        // Another sweep with the same spec reads its row, then shares the analyzer.
        Assert.Same(first, analyzers.ForSweep("s2", Read));
        Assert.Equal(["s1", "s2"], reads);
        Assert.Same(first, analyzers.For(Spec(4)));
    }

    [Fact]
    public void A_sweep_whose_entry_was_dropped_reads_its_spec_again()
    {
        var analyzers = new TileAnalyzers(capacity: 1);
        int reads = 0;
        var a = analyzers.ForSweep("s1", _ => { reads++; return Spec(1); });
        analyzers.For(Spec(2));   // drops s1's entry
        var b = analyzers.ForSweep("s1", _ => { reads++; return Spec(1); });
        Assert.Equal(2, reads);
        Assert.NotSame(a, b);
        Assert.Equal(1UL, b.Spec.Seed);
    }

    [Fact]
    public void A_sweep_the_store_does_not_hold_is_named_with_the_likely_cause()
    {
        var analyzers = new TileAnalyzers();
        var e = Assert.Throws<InvalidOperationException>(() => analyzers.ForSweep("nope", _ => null));
        Assert.Contains("no sweep nope", e.Message, StringComparison.Ordinal);
        Assert.Contains("--store", e.Message, StringComparison.Ordinal);
    }
}
