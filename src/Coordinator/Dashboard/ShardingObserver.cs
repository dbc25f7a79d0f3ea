using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>Tile shards and entities per node, from cluster sharding's own queries.</summary>
internal static class ShardingObserver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private const int MaxTilesListed = 50;

    /// <summary>Per region address: shards, entities and the first entity ids (sweep/tile).</summary>
    public sealed record RegionStats(int Shards, int Entities, string[] Tiles);

    /// <summary>
    /// Asks the tile region (or its proxy) for the cluster-wide statistics, then each region for
    /// its entity ids. Returns null and the reason when the statistics are unavailable.
    /// </summary>
    public static async Task<(Dictionary<Address, RegionStats>? Stats, string? Error)> QueryAsync(ActorSystem system, IActorRef region, CancellationToken ct)
    {
        ClusterShardingStats stats;
        try
        {
            stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(2)), Timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return (null, "sharding statistics timed out (no worker up yet, or the shard coordinator is moving)");
        }
        var result = new Dictionary<Address, RegionStats>();
        var lookups = stats.Regions.Select(async kv =>
        {
            string[] tiles = [];
            try
            {
                var path = new RootActorPath(kv.Key) / "system" / "sharding" / "tiles";
                var state = await system.ActorSelection(path).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout, ct).ConfigureAwait(false);
                tiles = state.Shards.SelectMany(s => s.EntityIds).Order(StringComparer.Ordinal).Take(MaxTilesListed).ToArray();
            }
            catch (AskTimeoutException) { /* counts are still known from the statistics */ }
            return (kv.Key, new RegionStats(kv.Value.Stats.Count, kv.Value.Stats.Values.Sum(), tiles));
        }).ToList();
        foreach (var (address, s) in await Task.WhenAll(lookups).ConfigureAwait(false)) result[address] = s;
        return (result, null);
    }
}
