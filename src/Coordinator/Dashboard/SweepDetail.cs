using System.Text.Json.Nodes;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>The answer of <c>/api/sweeps/{id}</c>: the sweep's view plus its spec and, once completed, its statistics.</summary>
/// <param name="Sweep">As in <c>/api/sweeps</c>.</param>
/// <param name="Spec">The self-contained spec (model inline).</param>
/// <param name="Stats">Timings and counts of the finished sweep (summary.json's stats), or null before completion.</param>
public sealed record SweepDetail(SweepView Sweep, JsonNode? Spec, JsonNode? Stats);

/// <summary>The answer of <c>/api/sweeps/{id}/bifurcations</c>.</summary>
/// <param name="Sweep">Sweep id.</param>
/// <param name="Available">False until the analysis after the grid has run (the list is then empty).</param>
/// <param name="Axes">The swept parameters (the keys of each bifurcation's <c>at</c>).</param>
/// <param name="Bifurcations">As in bifurcations.json: location, type, order and what changed.</param>
public sealed record BifurcationsView(string Sweep, bool Available, AxisView[] Axes, IReadOnlyList<Core.Sweeps.Bifurcation> Bifurcations);
