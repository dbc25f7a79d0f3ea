using System.Globalization;
using System.Text.RegularExpressions;

namespace Scyfi.Dashboard.Tests;

/// <summary>/metrics in the Prometheus text format, against the fixture's completed sweep.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class MetricsTests(DashboardNode node)
{
    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task Metrics_give_tiles_points_objects_members_per_node_throughput_and_journal_latency()
    {
        using var r = await node.Http.GetAsync("metrics");
        Assert.True(r.IsSuccessStatusCode);
        Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType);
        string text = await r.Content.ReadAsStringAsync();
        var samples = Sample().Matches(text).Select(m => (Name: m.Groups["name"].Value, Labels: m.Groups["labels"].Value,
            Value: double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))).ToList();
        double One(string name, string labels) => samples.Single(s => s.Name == name && s.Labels == labels).Value;
        string sweep = $"sweep=\"{DashboardNode.SweepId}\"";

        Assert.Equal(DashboardNode.Tiles, One("scyfi_tiles_completed_total", sweep));
        Assert.Equal(DashboardNode.Tiles, One("scyfi_tiles", sweep));
        Assert.Equal(0, One("scyfi_tiles_in_flight", sweep));
        Assert.Equal(0, One("scyfi_tiles_failed_total", sweep));
        Assert.Equal(DashboardNode.Points * DashboardNode.Points, One("scyfi_points_done_total", sweep));
        long objects = node.Store.ReadPoints(DashboardNode.SweepId).Sum(p => (long)p.Objects.Length);
        Assert.Equal(objects, One("scyfi_objects_found", sweep));
        Assert.Contains(samples, s => s.Name == "scyfi_points_per_second" && s.Labels == sweep);
        Assert.Equal(1, One("scyfi_sweeps", "state=\"completed\""));

        Assert.Equal(1, One("scyfi_cluster_members", "status=\"up\""));
        Assert.Equal(0, One("scyfi_cluster_members", "status=\"down\""));
        Assert.Equal(0, One("scyfi_cluster_unreachable_members", ""));

        var perNode = samples.Where(s => s.Name == "scyfi_node_tiles_completed_total").ToList();
        Assert.True(perNode.Sum(s => s.Value) >= DashboardNode.Tiles, text);   // the cancel test's sweep may add some
        Assert.All(perNode, s => Assert.StartsWith("node=\"akka.tcp://scyfi@127.0.0.1:", s.Labels));
        Assert.Contains(samples, s => s.Name == "scyfi_node_tiles_per_second");

        Assert.True(One("scyfi_journal_write_seconds_count", "") >= 1, "no journal probe write measured");
        Assert.True(One("scyfi_journal_write_seconds_sum", "") > 0);
        Assert.Contains("# TYPE scyfi_journal_write_seconds histogram", text);
        Assert.Contains("# TYPE scyfi_tiles_completed_total counter", text);
    }
}
