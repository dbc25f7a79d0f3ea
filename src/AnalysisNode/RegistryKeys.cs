namespace Scyfi.AnalysisNode;

/// <summary>Actor-registry key of the tile shard region (or its proxy on nodes without the worker role).</summary>
public sealed class TileRegionKey;

/// <summary>Actor-registry key of the sweep coordinator singleton (its proxy on every node).</summary>
public sealed class SweepCoordinatorKey;
