using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The dashboard's only active part: once per poll interval it asks the coordinator for the status
/// of every sweep, reads the store's sweep rows, updates the live maps of running sweeps, and
/// every other poll asks cluster sharding for its statistics; then it publishes the new views to
/// the hub (and so to every browser) and to the metrics. It reads and asks; it never commands.
/// </summary>
internal sealed class DashboardPoller(
    Lazy<ActorSystem> lazySystem,
    Lazy<IActorRegistry> lazyRegistry,
    SweepStore store,
    DashboardHub hub,
    PointsCatalog points,
    ClusterWatch watch,
    DashboardMetrics metrics,
    DashboardSettings settings,
    Func<Uri?> listeningUrl,
    IHostApplicationLifetime lifetime,
    ILogger<DashboardPoller> logger) : BackgroundService
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private readonly SweepsObserver _sweeps = new(hub.Log, watch);
    private Dictionary<Address, ShardingObserver.RegionStats>? _sharding;
    private string? _shardingError = "not asked yet";
    private List<SweepRow> _rows = [];
    private long _polls;

    private ActorSystem Sys => lazySystem.Value;
    private IActorRegistry Registry => lazyRegistry.Value;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // Once every hosted service has started: only then does Kestrel know its port (when 0 was asked for).
        lifetime.ApplicationStarted.Register(() => hub.Log.Add("dashboard-started",
            $"dashboard of {Akka.Cluster.Cluster.Get(Sys).SelfAddress} serving at {listeningUrl() ?? settings.Url}{(settings.ActionsEnabled ? " (actions need the token)" : " (read-only)")}"));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await PollAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A poll that fails (store briefly locked, actor system stopping) must not end the dashboard.
                logger.LogWarning("dashboard poll failed: {Message}", e.Message);
            }
            try
            {
                await Task.Delay(settings.PollInterval, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var live = await AskStatusAsync(ct).ConfigureAwait(false);
        try
        {
            _rows = await Task.Run(store.ListSweeps, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            logger.LogWarning("dashboard: the store did not answer: {Message}", e.Message);
        }
        var observed = _sweeps.Observe(_rows, live, now);
        var views = new SweepView[observed.Count];
        for (int i = 0; i < observed.Count; i++)
        {
            var (view, spec) = observed[i];
            await Task.Run(() => points.Track(view, spec), ct).ConfigureAwait(false);
            views[i] = view with { ObjectsFound = points.ObjectsFound(view.Id) };
            metrics.Observe(views[i]);
        }
        metrics.ObserveSweepStates(views);

        if (_polls++ % 2 == 0 && Registry.TryGet<TileRegionKey>(out var region))
            (_sharding, _shardingError) = await ShardingObserver.QueryAsync(Sys, region, ct).ConfigureAwait(false);
        var cluster = ClusterViews.Build(Sys, watch, _sharding, _shardingError, now);
        metrics.ObserveCluster(cluster);
        hub.Publish(cluster, views);
    }

    private async Task<SweepStatus[]?> AskStatusAsync(CancellationToken ct)
    {
        if (!Registry.TryGet<SweepCoordinatorKey>(out var coordinator)) return null;
        try
        {
            var reply = await coordinator.Ask<SweepStatusReply>(new GetSweepStatus(null), AskTimeout, ct).ConfigureAwait(false);
            return reply.Sweeps;
        }
        catch (AskTimeoutException)
        {
            return null;   // failover or start-up: the store's rows stand in
        }
    }
}
