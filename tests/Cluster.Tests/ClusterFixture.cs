using Akka.Actor;
using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// Several Scyfi cluster members in this process, on loopback, sharing one SQLite journal and
/// result store in a temporary directory.
/// <para>
/// serialize-messages = on is used wherever Akka allows it: with several members, Akka's own
/// internal messages (DistributedData's ReadRepair, Akka.Persistence.Sql's WriteFinished) fail
/// its verification and sharding stalls, so multi-member tests rely on the real serialization of
/// everything that crosses members instead (plus <see cref="SerializerRoundTripTests"/>).
/// </para>
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scyfi-cluster-").FullName;
    private readonly List<ScyfiNode> _nodes = [];
    private readonly bool _serializeMessages;

    public LocalCluster(bool serializeMessages = false)
    {
        _serializeMessages = serializeMessages;
        Store = new SweepStore(StoreLocation.Parse(Path.Combine(_dir, "scyfi.db")));
        Store.EnsureReady();
    }

    public SweepStore Store { get; }

    /// <summary>Warnings and errors of every member go to a log file next to the store (kept on failure for diagnosis).</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory Loggers { get; } = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
        .AddFilter(l => l >= Microsoft.Extensions.Logging.LogLevel.Warning));
    public IReadOnlyList<ScyfiNode> Nodes => _nodes;

    /// <summary>Starts a member; the first one founds the cluster, the others join it.</summary>
    public async Task<ScyfiNode> StartAsync(string[] roles, bool crashable = false)
    {
        var seeds = _nodes.Count == 0 ? Array.Empty<string>() : [Akka.Cluster.Cluster.Get(_nodes[0].System).SelfAddress.ToString()];
        var settings = new ScyfiNodeSettings
        {
            Roles = roles,
            Seeds = seeds,
            JournalConnectionString = Store.Location.ConnectionString,
            JournalProvider = Store.Location.AkkaProviderName,
            SerializeMessages = _serializeMessages,
            StableAfter = TimeSpan.FromSeconds(3),
            // A crashable member does not leave the cluster when its system terminates: a hard stop.
            ExtraHocon = crashable ? "akka.coordinated-shutdown.run-by-actor-system-terminate = off\nakka.coordinated-shutdown.terminate-actor-system = off" : "",
        };
        var node = await ScyfiNode.StartAsync(settings, Store, Loggers, joinTimeout: TimeSpan.FromSeconds(60));
        _nodes.Add(node);
        return node;
    }

    /// <summary>Kills a member without any goodbye: the others must notice, down it and take over its work.</summary>
    public static async Task CrashAsync(ScyfiNode node)
    {
        await node.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits until the sweep leaves the running state, asking any live member.</summary>
    public static async Task<SweepStatus> WaitAsync(ScyfiNode via, string sweepId, TimeSpan timeout, Func<SweepStatus, Task>? onStatus = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            SweepStatus? s = null;
            try { s = await SweepSession.StatusAsync(via.Coordinator, sweepId, CancellationToken.None); }
            catch (AskTimeoutException) { }
            if (s is not null)
            {
                if (onStatus is not null) await onStatus(s);
                if (s.State is "completed" or "failed" or "cancelled") return s;
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"sweep {sweepId} not finished after {timeout}: {s}");
            await Task.Delay(300);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var n in Enumerable.Reverse(_nodes))
        {
            try { await n.DisposeAsync(); } catch { /* a crashed member is already gone */ }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>What a sweep must produce, from the in-process engine (no cluster).</summary>
internal static class Reference
{
    public static (string[] Points, string Bifurcations) Of(SweepSpec spec)
    {
        var r = new SweepEngine(spec, threads: 2).Run();
        return (Csv(r), Json(r.Bifurcations));
    }

    public static (string[] Points, string Bifurcations) FromStore(SweepStore store, string sweepId)
    {
        var r = StoreExport.Load(store, sweepId);
        return (Csv(r), Json(r.Bifurcations));
    }

    private static string[] Csv(SweepResult r)
    {
        using var w = new StringWriter();
        Scyfi.Coordinator.Exports.PointsCsv.Write(w, r.Grid, r.Points.Values);
        return w.ToString().Split('\n');
    }

    private static string Json(IReadOnlyList<Bifurcation> b) => System.Text.Json.JsonSerializer.Serialize(b, ScyfiJsonSerializer.Options);
}
