using Akka.Actor;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// Published by the <see cref="SweepCoordinator"/> on its ActorSystem's EventStream when a tile is
/// recorded (the first time only). Local to the coordinator's process, never persisted or sent:
/// observers such as the dashboard learn which node computed which tile without asking the actor.
/// </summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tile">Tile number.</param>
/// <param name="Points">Grid points in the tile.</param>
/// <param name="Computations">Computations of the tile (1 without failures).</param>
/// <param name="From">Address of the tile worker that answered (local scope when it ran in this process).</param>
public sealed record TileRecordedNotice(string SweepId, int Tile, int Points, int Computations, Address From) : INoSerializationVerificationNeeded;

/// <summary>Published by the <see cref="SweepCoordinator"/> when it sends a silent tile again.</summary>
/// <param name="SweepId">Sweep.</param>
/// <param name="Tile">Tile number.</param>
/// <param name="SilentSeconds">How long nothing was heard of the tile.</param>
public sealed record TileRetriedNotice(string SweepId, int Tile, double SilentSeconds) : INoSerializationVerificationNeeded;
