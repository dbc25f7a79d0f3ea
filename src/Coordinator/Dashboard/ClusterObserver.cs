using Akka.Actor;
using Akka.Cluster;
using Scyfi.Coordinator.Cluster;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Watches without changing anything: subscribes to cluster membership, reachability and leader
/// events, and to the coordinator's notices on the local EventStream (tile recorded by a node,
/// tile re-sent). Turns them into recent events, member up-times and per-node tile counts.
/// </summary>
internal sealed class ClusterObserver : ReceiveActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ClusterWatch _watch;
    private readonly EventLog _log;
    private readonly DashboardMetrics _metrics;

    public ClusterObserver(ClusterWatch watch, EventLog log, DashboardMetrics metrics)
    {
        _watch = watch;
        _log = log;
        _metrics = metrics;

        Receive<ClusterEvent.CurrentClusterState>(s =>
        {
            // Members already up when the dashboard starts: the time is a lower bound, except for this node.
            foreach (var m in s.Members.Where(m => m.Status == MemberStatus.Up || m.Status == MemberStatus.WeaklyUp))
                _watch.MarkUp(m.Address, m.Address == _cluster.SelfAddress ? StartedAt() : DateTimeOffset.UtcNow);
        });
        Receive<ClusterEvent.MemberJoined>(e => Log("member-joined", e.Member, "joining"));
        Receive<ClusterEvent.MemberWeaklyUp>(e => Log("member-up", e.Member, "weakly up (joined while another member was unreachable)"));
        Receive<ClusterEvent.MemberUp>(e =>
        {
            _watch.MarkUp(e.Member.Address, e.Member.Address == _cluster.SelfAddress ? StartedAt() : DateTimeOffset.UtcNow);
            Log("member-up", e.Member, $"up ({string.Join(", ", e.Member.Roles)})");
        });
        Receive<ClusterEvent.MemberLeft>(e => Log("member-left", e.Member, "leaving"));
        Receive<ClusterEvent.MemberExited>(e => Log("member-left", e.Member, "exited"));
        Receive<ClusterEvent.MemberDowned>(e => Log("member-removed", e.Member, "marked down"));
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            _watch.Forget(e.Member.Address);
            Log("member-removed", e.Member, $"removed (was {e.PreviousStatus.ToString().ToLowerInvariant()})");
        });
        Receive<ClusterEvent.UnreachableMember>(e => Log("member-unreachable", e.Member, "unreachable"));
        Receive<ClusterEvent.ReachableMember>(e => Log("member-reachable", e.Member, "reachable again"));
        Receive<ClusterEvent.LeaderChanged>(e =>
        {
            if (e.Leader is not null) _log.Add("leader-changed", $"leader is now {e.Leader}", e.Leader.ToString());
        });
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<TileRecordedNotice>(n =>
        {
            var node = n.From.HasLocalScope ? _cluster.SelfAddress : n.From;
            _watch.TileRecorded(node, DateTimeOffset.UtcNow);
            _metrics.NodeTileRecorded(node.ToString());
        });
        Receive<TileRetriedNotice>(n =>
        {
            _watch.NoticeSeen();
            _log.Add("tile-retried", $"tile {n.Tile} of sweep {n.SweepId} silent for {n.SilentSeconds:F0} s: sent again", sweep: n.SweepId);
        });
    }

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));
        Context.System.EventStream.Subscribe(Self, typeof(TileRecordedNotice));
        Context.System.EventStream.Subscribe(Self, typeof(TileRetriedNotice));
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Log(string kind, Member m, string what) => _log.Add(kind, $"{m.Address} {what}", m.Address.ToString());

    private static DateTimeOffset StartedAt() => DateTimeOffset.UtcNow - Context.System.Uptime;
}
