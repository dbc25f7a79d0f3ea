using Scyfi.Core.Sweeps;

namespace Scyfi.AnalysisNode;

/// <summary>
/// Where tile workers put finished points: the sweep's result store (SQLite or PostgreSQL). It is
/// also a tile's checkpoint: a tile that starts again finds its finished points there and
/// computes only the rest. Writes of a point already stored replace it with the same result
/// (each point's computation is deterministic), so repeating a write never changes anything.
/// A restarted tile also reads its sweep's spec here.
/// </summary>
public interface ITilePointStore
{
    /// <summary>Stores the points (insert or replace), committed when this returns.</summary>
    void WritePoints(string sweepId, IEnumerable<PointResult> points);

    /// <summary>The stored points among <paramref name="indices"/> (missing ones are skipped).</summary>
    List<PointResult> ReadPoints(string sweepId, IReadOnlyCollection<int> indices);

    /// <summary>The spec the sweep was submitted with, or null if the store has no such sweep.</summary>
    string? ReadSpec(string sweepId);
}
