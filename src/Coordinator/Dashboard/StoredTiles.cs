using System.Data.Common;
using Scyfi.Coordinator.Store;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// Which grid points are in the store, read without deserializing them. The coordinator writes a
/// tile's points in one transaction, so the presence of a tile's first point means the whole tile
/// is there: the live map asks for a handful of indices per poll instead of re-reading a sweep.
/// </summary>
internal static class StoredTiles
{
    private const int Chunk = 500;

    /// <summary>The subset of <paramref name="indices"/> stored for the sweep.</summary>
    public static HashSet<int> Existing(SweepStore store, string sweepId, IReadOnlyCollection<int> indices)
    {
        var found = new HashSet<int>();
        if (indices.Count == 0) return found;
        using DbConnection c = store.Open();
        foreach (var chunk in indices.Chunk(Chunk))
        {
            using var cmd = c.CreateCommand();
            // The indices are our own integers, never user text: inlining them is safe and keeps one statement per chunk.
            cmd.CommandText = $"SELECT idx FROM scyfi_points WHERE sweep_id = @s AND idx IN ({string.Join(",", chunk)})";
            var p = cmd.CreateParameter();
            p.ParameterName = "@s";
            p.Value = sweepId;
            cmd.Parameters.Add(p);
            using var r = cmd.ExecuteReader();
            while (r.Read()) found.Add(Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        return found;
    }
}
