using System.Text.Json;

namespace Scyfi.Cli.Tests;

/// <summary>--orders, --exhaustive and --threads change how <c>find</c> searches, never what a correct search finds.</summary>
[Collection(CliCollection.Name)]
public sealed class FindOptionsTests
{
    // FP, 2-cycle, 4-cycle and 8-cycle, all proven by exhaustive enumeration.
    private const string Case = "oneswitch_al0.56_ar-1.5";

    [Theory]
    [InlineData("1,2,7", new[] { 1, 2, 7 })]
    [InlineData("7, 2,1,2", new[] { 1, 2, 7 })]
    [InlineData("1-3,8", new[] { 1, 2, 3, 8 })]
    public void Orders_searches_exactly_the_listed_orders(string text, int[] orders)
    {
        var r = CliRunner.Run("find", CaseFiles.Model(Case), "--orders", text, "--json", "--threads", "2", "--seed", "3");
        using var doc = FindJsonSchema.ParseAndValidate(r, threads: 2, seed: 3);
        var root = doc.RootElement;
        Assert.Equal(orders, root.GetProperty("orders").EnumerateArray().Select(o => o.GetInt32()));

        var expected = CaseFiles.Expected(Case);
        var found = CycleObject.ReadAll(root);
        Assert.All(found, c => Assert.Contains(c.Order, orders));
        foreach (int k in orders) Assert.Equal(expected.Counts[k], found.Count(c => c.Order == k));
    }

    [Fact]
    public void Exhaustive_search_finds_what_the_heuristic_finds()
    {
        var heuristic = Find("--max-order", "8", "--threads", "2", "--seed", "4");
        var exhaustive = Find("--max-order", "8", "--threads", "2", "--seed", "4", "--exhaustive");
        Assert.Equal("heuristic", heuristic.GetProperty("stats").GetProperty("mode").GetString());
        Assert.Equal("exhaustive", exhaustive.GetProperty("stats").GetProperty("mode").GetString());

        var objects = CycleObject.ReadAll(exhaustive);
        Assert.Equal(4, objects.Count);
        CycleObject.AssertSameSet(objects, CycleObject.ReadAll(heuristic));
    }

    [Fact]
    public void Thread_count_does_not_change_the_objects()
    {
        var one = Find("--max-order", "8", "--threads", "1", "--seed", "11");
        var two = Find("--max-order", "8", "--threads", "2", "--seed", "11");
        Assert.Equal(one.GetProperty("objects").GetRawText(), two.GetProperty("objects").GetRawText());
        Assert.Equal(one.GetProperty("degenerate").GetInt32(), two.GetProperty("degenerate").GetInt32());
    }

    [Fact]
    public void Same_seed_and_threads_repeat_the_search_exactly()
    {
        var first = Find("--max-order", "8", "--threads", "2", "--seed", "12");
        var again = Find("--max-order", "8", "--threads", "2", "--seed", "12");
        Assert.Equal(first.GetProperty("objects").GetRawText(), again.GetProperty("objects").GetRawText());
        Assert.Equal(first.GetProperty("stats").GetProperty("candidates").GetInt64(), again.GetProperty("stats").GetProperty("candidates").GetInt64());
    }

    private static JsonElement Find(params string[] options)
    {
        string[] args = ["find", CaseFiles.Model(Case), "--json", .. options];
        var r = CliRunner.Run(args);
        int threads = int.Parse(options[Array.IndexOf(options, "--threads") + 1], System.Globalization.CultureInfo.InvariantCulture);
        ulong seed = ulong.Parse(options[Array.IndexOf(options, "--seed") + 1], System.Globalization.CultureInfo.InvariantCulture);
        using var doc = FindJsonSchema.ParseAndValidate(r, threads, seed);
        return doc.RootElement.Clone();
    }
}
