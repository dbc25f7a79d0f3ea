using Scyfi.Core.Sweeps;

namespace Scyfi.AnalysisNode;

/// <summary>
/// Where tile workers put finished points: the sweep's result store (SQLite or PostgreSQL). It is
/// also a tile's checkpoint: a tile that starts again finds its finished points there and
/// computes only the rest. A point written again (after a crash) is the same result (each
/// point's computation is deterministic), so repeating a write never changes anything.
/// A restarted tile also reads its sweep's spec here.
/// </summary>
public interface ITilePointStore
{
    /// <summary>Stores points of one tile, in the order it computed them, committed when this returns.</summary>
    void WritePoints(string sweepId, int tile, IReadOnlyCollection<PointResult> points);

    /// <summary>The tile's stored points.</summary>
    List<PointResult> ReadTilePoints(string sweepId, int tile);

    /// <summary>The spec the sweep was submitted with, or null if the store has no such sweep.</summary>
    string? ReadSpec(string sweepId);
}
