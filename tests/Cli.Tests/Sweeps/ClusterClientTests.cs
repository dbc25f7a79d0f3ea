using Akka.Actor;
using Akka.Cluster;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;

namespace Scyfi.Cli.Tests.Sweeps;

/// <summary>
/// <c>scyfi sweep --cluster SEED</c>: the client is a cluster member only while it submits, then
/// follows the sweep in the store and exports it.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ClusterClientTests
{
    [Fact]
    public async Task The_client_leaves_the_cluster_after_submitting_and_still_exports_the_sweep()
    {
        using var dir = new TempDirectory();
        dir.Write("tent.json", TentSweep.Model);
        string spec = dir.Write("spec.json", TentSweep.Spec());

        // The reference: the same sweep on the embedded cluster.
        string embeddedOut = Path.Combine(dir.Path, "embedded");
        var embedded = CliRunner.Run("sweep", spec, "--out", embeddedOut, "--store", Path.Combine(dir.Path, "embedded.db"));
        Assert.True(embedded.ExitCode == 0, embedded.ToString());

        // A cluster with a coordinator and, at first, no worker: the sweep cannot progress, so
        // whether the client has left while it runs does not depend on timing.
        string storeFile = Path.Combine(dir.Path, "cluster.db");
        var location = StoreLocation.Parse(storeFile);
        var store = new SweepStore(location);
        store.EnsureReady();
        int port = LoopbackPort.Free();
        var coordinatorSettings = new ScyfiNodeSettings
        {
            Port = port, Roles = [ScyfiNodeSettings.CoordinatorRole], StableAfter = TimeSpan.FromSeconds(2),
            JournalConnectionString = location.ConnectionString, JournalProvider = location.AkkaProviderName,
        };
        var coordinator = await ScyfiNode.StartAsync(coordinatorSettings, store);
        ScyfiNode? worker = null;
        try
        {
            var clientRemoved = new TaskCompletionSource<Member>(TaskCreationOptions.RunContinuationsAsynchronously);
            var watcher = coordinator.System.ActorOf(Props.Create(() => new ClientRemovedWatcher(clientRemoved)));
            string seed = $"akka.tcp://scyfi@127.0.0.1:{port}";
            string clusterOut = Path.Combine(dir.Path, "cluster");
            var client = Task.Run(() => CliRunner.Run("sweep", spec, "--cluster", seed, "--store", storeFile, "--out", clusterOut, "--id", "tent-client"));

            // The member-removed event itself is the proof: the cluster's state view is updated
            // by another actor, a moment later.
            await clientRemoved.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("running", store.GetSweep("tent-client")?.State);
            Assert.False(client.IsCompleted, "the client should still be following the sweep");

            worker = await ScyfiNode.StartAsync(coordinatorSettings with { Port = 0, Roles = [ScyfiNodeSettings.WorkerRole], Seeds = [seed], ComputeSlots = 2 }, store);
            var r = await client.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("sweep tent-client completed: 6 tiles", r.Stdout);
            Assert.Equal(File.ReadAllText(Path.Combine(embeddedOut, "points.csv")), File.ReadAllText(Path.Combine(clusterOut, "points.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(embeddedOut, "bifurcations.json")), File.ReadAllText(Path.Combine(clusterOut, "bifurcations.json")));
            coordinator.System.Stop(watcher);
        }
        finally
        {
            if (worker is not null) await worker.DisposeAsync();
            await coordinator.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Completes when a member with the client role has been removed from the cluster.</summary>
    private sealed class ClientRemovedWatcher : ReceiveActor
    {
        public ClientRemovedWatcher(TaskCompletionSource<Member> removed)
        {
            Receive<ClusterEvent.MemberRemoved>(m =>
            {
                if (m.Member.HasRole("client")) removed.TrySetResult(m.Member);
            });
            Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        }

        protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberRemoved));
        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
