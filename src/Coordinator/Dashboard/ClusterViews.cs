using Akka.Actor;
using Akka.Cluster;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>Builds the <see cref="ClusterView"/> from Akka's own cluster state and what the observers gathered.</summary>
internal static class ClusterViews
{
    public static ClusterView Build(ActorSystem system, ClusterWatch watch, Dictionary<Address, ShardingObserver.RegionStats>? sharding, string? shardingError, DateTimeOffset now)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        Member? oldestCoordinator = null;
        foreach (var m in state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole("coordinator")))
            if (oldestCoordinator is null || m.IsOlderThan(oldestCoordinator)) oldestCoordinator = m;

        var members = state.Members.Select(m =>
        {
            var upSince = watch.UpSince(m.Address);
            ShardingObserver.RegionStats? region = null;
            sharding?.TryGetValue(m.Address, out region);
            var throughput = watch.NoticesSeen ? watch.Throughput(m.Address, now) ?? (0, 0) : ((long, double)?)null;
            return new MemberView(m.Address.ToString(), m.Roles.Order(StringComparer.Ordinal).ToArray(), Status(m.Status),
                !unreachable.Contains(m.Address), m.Address == state.Leader, m.Address == cluster.SelfAddress, m.Address == oldestCoordinator?.Address,
                upSince, upSince is { } t ? (now - t).TotalSeconds : null,
                region?.Entities ?? (sharding is not null && m.HasRole("worker") ? 0 : null), region?.Shards, region?.Tiles ?? [],
                throughput?.Item1, throughput?.Item2);
        }).ToArray();

        var sh = sharding is null
            ? new ShardingView(false, 0, 0, 0, shardingError)
            : new ShardingView(true, sharding.Count, sharding.Values.Sum(r => r.Shards), sharding.Values.Sum(r => r.Entities), null);
        return new ClusterView(cluster.SelfAddress.ToString(), cluster.SelfRoles.Order(StringComparer.Ordinal).ToArray(), state.Leader?.ToString(),
            oldestCoordinator?.Address.ToString(), system.Uptime.TotalSeconds, members, sh, now);
    }

    /// <summary>Member status as the API spells it.</summary>
    public static string Status(MemberStatus s) => s switch
    {
        MemberStatus.WeaklyUp => "weakly_up",
        _ => s.ToString().ToLowerInvariant(),
    };
}
