namespace Scyfi.Coordinator.Dashboard;

/// <summary>The latest views of the cluster and the sweeps, with their JSON made once for every client.</summary>
/// <param name="Cluster">The cluster view, or null before the first poll.</param>
/// <param name="ClusterJson">Its JSON.</param>
/// <param name="ClusterVersion">Increases whenever the JSON changes.</param>
/// <param name="Sweeps">The sweeps, newest first.</param>
/// <param name="SweepsJson">Their JSON (<c>{"sweeps":[…]}</c>).</param>
/// <param name="SweepsVersion">Increases whenever the JSON changes.</param>
public sealed record DashboardSnapshot(ClusterView? Cluster, string ClusterJson, long ClusterVersion, SweepView[] Sweeps, string SweepsJson, long SweepsVersion)
{
    /// <summary>Before the first poll.</summary>
    public static DashboardSnapshot Empty { get; } = new(null, "null", 0, [], """{"sweeps":[]}""", 0);
}
