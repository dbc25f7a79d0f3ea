using System.Text.RegularExpressions;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Xunit.Abstractions;

namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// A worker process that the cluster downs (as the split-brain resolver does to a member that was
/// unreachable for long) cannot rejoin with the same actor system: it must end, non-zero and
/// saying why, so that systemd, Docker or Kubernetes restart it, instead of living on outside the
/// cluster and computing nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class DownedMemberTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [GeneratedRegex(@"^scyfi node up at (akka\.tcp://\S+)")]
    private static partial Regex NodeUp();

    [Fact]
    public async Task A_worker_downed_by_the_cluster_exits_with_code_3_and_says_why()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        var location = StoreLocation.Parse(db.Url);
        var store = new SweepStore(location);
        store.EnsureReady();

        // This test's process founds the cluster (as its coordinator member); a worker process joins it.
        var settings = new ScyfiNodeSettings
        {
            Roles = [ScyfiNodeSettings.CoordinatorRole],
            JournalConnectionString = location.ConnectionString,
            JournalProvider = location.AkkaProviderName,
        };
        await using var seed = await ScyfiNode.StartAsync(settings, store);
        var cluster = Akka.Cluster.Cluster.Get(seed.System);
        var worker = procs.Start("worker", "node", "--seed", cluster.SelfAddress.ToString(), "--store", db.Url, "--threads", "1");
        var address = Akka.Actor.Address.Parse((await worker.WaitForLineAsync(NodeUp(), Timeout)).Groups[1].Value);
        procs.Log($"worker up at {address}");

        cluster.Down(address);
        int code = await worker.WaitForExitAsync(Timeout);

        Assert.True(code == 3, $"exit code {code}, not 3\n{worker.Describe()}");
        Assert.Contains("scyfi node: this member's actor system stopped", worker.Stderr, StringComparison.Ordinal);
        Assert.Contains("out of the cluster", worker.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("leaving the cluster", worker.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^scyfi coordinator up at ")]
    private static partial Regex CoordinatorUp();

    [Fact]
    public async Task A_member_given_SIGTERM_leaves_the_cluster_with_exit_code_0()
    {
        // SIGTERM stops the actor system through Akka.NET's process-exit hook as well, at times before
        // the command sees the cancellation: that is a member leaving, not one put out of the cluster.
        using var dir = new TempDirectory();
        using var procs = new ScyfiProcesses(dir.Path, output);
        var member = procs.Start("coordinator", "coordinator", "--store", dir.File("s.db"));
        await member.WaitForLineAsync(CoordinatorUp(), Timeout);

        member.Terminate();
        int code = await member.WaitForExitAsync(Timeout);

        Assert.True(code == 0, $"exit code {code}, not 0\n{member.Describe()}");
        Assert.Contains("scyfi coordinator leaving the cluster", member.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("out of the cluster", member.Stderr, StringComparison.Ordinal);
    }
}
