namespace Scyfi.Coordinator.Dashboard;

/// <summary>One entry of the dashboard's recent-events list.</summary>
/// <param name="Seq">Increasing number (clients ask for what came after the last one they saw).</param>
/// <param name="Time">When it was observed (UTC).</param>
/// <param name="Kind">member-up, member-left, member-removed, member-unreachable, member-reachable, leader-changed, tile-retried, sweep-submitted, sweep-analysing, sweep-completed, sweep-cancelled, sweep-failed, sweep-resumed, dashboard-started.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="Node">The member concerned, if any.</param>
/// <param name="Sweep">The sweep concerned, if any.</param>
public sealed record DashboardEvent(long Seq, DateTimeOffset Time, string Kind, string Message, string? Node = null, string? Sweep = null);
