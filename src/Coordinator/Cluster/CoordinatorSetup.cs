using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;

namespace Scyfi.Coordinator.Cluster;

/// <summary>Hosting wiring of the coordinator role: the <see cref="SweepCoordinator"/> singleton and its proxy.</summary>
public static class CoordinatorSetup
{
    /// <summary>Adds the coordinator singleton (on nodes with the coordinator role).</summary>
    public static AkkaConfigurationBuilder AddSweepCoordinator(this AkkaConfigurationBuilder b, ScyfiNodeSettings s, SweepStore store)
    {
        if (!s.IsCoordinator) return b;
        b.WithSingleton<SweepCoordinatorKey>("sweep-coordinator",
            (_, registry, _) => Props.Create(() => new SweepCoordinator(registry.Get<TileRegionKey>(), store)),
            new ClusterSingletonOptions { Role = ScyfiNodeSettings.CoordinatorRole },
            createProxyToo: true);
        return b;
    }
}
