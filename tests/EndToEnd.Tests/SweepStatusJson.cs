using System.Text.Json;

namespace Scyfi.EndToEnd.Tests;

/// <summary>One sweep of <c>scyfi status --json</c>: the fields the issue promises.</summary>
internal sealed record SweepStatusJson(string Id, string State, int TilesTotal, int TilesDone, int TilesComputed, long PointsDone, int Retries)
{
    /// <summary>The sweep with the given id in a status document, or null when it is not (yet) there.</summary>
    public static SweepStatusJson? Find(string statusJson, string sweepId)
    {
        using var doc = JsonDocument.Parse(statusJson);
        foreach (var s in doc.RootElement.GetProperty("sweeps").EnumerateArray())
        {
            if (s.GetProperty("id").GetString() != sweepId) continue;
            return new SweepStatusJson(sweepId, s.GetProperty("state").GetString()!,
                s.GetProperty("tilesTotal").GetInt32(), s.GetProperty("tilesDone").GetInt32(), s.GetProperty("tilesComputed").GetInt32(),
                s.GetProperty("pointsDone").GetInt64(), s.GetProperty("retries").GetInt32());
        }
        return null;
    }
}
