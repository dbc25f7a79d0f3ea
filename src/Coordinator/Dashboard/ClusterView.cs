namespace Scyfi.Coordinator.Dashboard;

/// <summary>The cluster as <c>/api/cluster</c> shows it, seen from the node serving the dashboard.</summary>
/// <param name="Self">This node's address.</param>
/// <param name="SelfRoles">This node's roles.</param>
/// <param name="Leader">The cluster leader's address, or null.</param>
/// <param name="CoordinatorNode">Where the sweep coordinator singleton runs (the oldest up member with the coordinator role), or null.</param>
/// <param name="UptimeSeconds">This node's uptime.</param>
/// <param name="Members">Every member known to this node.</param>
/// <param name="Sharding">Tile shards and entities over the cluster.</param>
/// <param name="ObservedAt">When this view was taken.</param>
public sealed record ClusterView(
    string Self,
    string[] SelfRoles,
    string? Leader,
    string? CoordinatorNode,
    double UptimeSeconds,
    MemberView[] Members,
    ShardingView Sharding,
    DateTimeOffset ObservedAt);

/// <summary>One cluster member.</summary>
/// <param name="Address">akka.tcp://scyfi@host:port.</param>
/// <param name="Roles">coordinator, worker, client.</param>
/// <param name="Status">joining, weakly_up, up, leaving, exiting, down or removed.</param>
/// <param name="Reachable">False while this node's failure detector marks it unreachable.</param>
/// <param name="Leader">True for the cluster leader.</param>
/// <param name="IsSelf">True for the node serving the dashboard.</param>
/// <param name="HostsCoordinator">True where the sweep coordinator singleton runs.</param>
/// <param name="UpSince">When it was first seen up by this node (its own start time for this node), or null.</param>
/// <param name="UptimeSeconds">Seconds since <paramref name="UpSince"/>, or null.</param>
/// <param name="ActiveTiles">Tile entities alive on it (null when sharding statistics are unavailable or it hosts none).</param>
/// <param name="Shards">Tile shards it hosts, or null.</param>
/// <param name="Tiles">Ids (sweep/tile) of the tiles alive on it, at most 50.</param>
/// <param name="TilesCompleted">Tiles recorded for it by the coordinator, or null where unknown (the coordinator runs elsewhere).</param>
/// <param name="TilesPerSecond">Its tiles per second over the last minute, or null where unknown.</param>
public sealed record MemberView(
    string Address,
    string[] Roles,
    string Status,
    bool Reachable,
    bool Leader,
    bool IsSelf,
    bool HostsCoordinator,
    DateTimeOffset? UpSince,
    double? UptimeSeconds,
    int? ActiveTiles,
    int? Shards,
    string[] Tiles,
    long? TilesCompleted,
    double? TilesPerSecond);

/// <summary>Sharding statistics of the tile regions.</summary>
/// <param name="Available">False when the statistics could not be had (e.g. no worker yet, or a timeout).</param>
/// <param name="Regions">Tile regions (worker nodes).</param>
/// <param name="Shards">Shards over all regions.</param>
/// <param name="Entities">Tile entities alive over all regions.</param>
/// <param name="Error">Why they are unavailable, or null.</param>
public sealed record ShardingView(bool Available, int Regions, int Shards, int Entities, string? Error);
