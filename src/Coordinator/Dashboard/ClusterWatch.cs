using System.Collections.Concurrent;
using Akka.Actor;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// What the <see cref="ClusterObserver"/> learns from cluster events and coordinator notices,
/// shared with the poller and the API: since when each member is up, and how many tiles each node
/// has computed. Uptimes of other members are "seen up since" by this process: Akka gives no
/// member start times, and nothing is asked of the other members.
/// </summary>
public sealed class ClusterWatch
{
    private readonly ConcurrentDictionary<Address, DateTimeOffset> _upSince = new();
    private readonly ConcurrentDictionary<Address, NodeTally> _tallies = new();

    /// <summary>When this watch started (the rates' first window).</summary>
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>True once a coordinator notice arrived: the coordinator runs in this process.</summary>
    public bool NoticesSeen { get; private set; }

    /// <summary>Notes that a member is up (keeps the earlier time if already known).</summary>
    public void MarkUp(Address member, DateTimeOffset since) => _upSince.TryAdd(member, since);

    /// <summary>Forgets a removed member.</summary>
    public void Forget(Address member) => _upSince.TryRemove(member, out _);

    /// <summary>Since when a member is known to be up, or null.</summary>
    public DateTimeOffset? UpSince(Address member) => _upSince.TryGetValue(member, out var t) ? t : null;

    /// <summary>Counts a tile recorded by the coordinator for a node.</summary>
    public void TileRecorded(Address node, DateTimeOffset now)
    {
        NoticesSeen = true;
        _tallies.GetOrAdd(node, _ => new NodeTally()).Add(now);
    }

    /// <summary>Notes a coordinator notice that carries no tally.</summary>
    public void NoticeSeen() => NoticesSeen = true;

    /// <summary>Tiles recorded for a node and its tiles per second, or null when none was seen.</summary>
    public (long Total, double PerSecond)? Throughput(Address node, DateTimeOffset now) =>
        _tallies.TryGetValue(node, out var t) ? (t.Total, t.PerSecond(now, Started)) : null;

    /// <summary>Every node a tile was recorded for.</summary>
    public IEnumerable<Address> NodesWithTiles => _tallies.Keys;
}
