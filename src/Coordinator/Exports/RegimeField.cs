using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// The regime (<see cref="Regime.Of"/>) of every grid point of a sweep, as indices into the
/// regime names ordered by area (most grid points first, ties by name). Points missing from the
/// result get index -1.
/// </summary>
internal sealed class RegimeField
{
    private RegimeField(string[] names, int[] counts, int[] index)
    {
        Names = names;
        Counts = counts;
        Index = index;
    }

    /// <summary>Regime names, largest area first.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Grid points in each regime (parallel to <see cref="Names"/>).</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Regime index of each grid point (grid index order), -1 where the point is missing.</summary>
    public IReadOnlyList<int> Index { get; }

    /// <summary>Classifies every grid point (in parallel: large grids have hundreds of thousands).</summary>
    public static RegimeField Of(SweepResult result)
    {
        int n = result.Grid.PointCount;
        var words = new string?[n];
        Parallel.For(0, n, i => words[i] = result.Points.TryGetValue(i, out var p) ? Regime.Of(p) : null);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string? w in words)
            if (w is not null) counts[w] = counts.GetValueOrDefault(w) + 1;
        string[] names = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
        var rank = names.Select((name, i) => (name, i)).ToDictionary(t => t.name, t => t.i, StringComparer.Ordinal);

        var index = new int[n];
        for (int i = 0; i < n; i++) index[i] = words[i] is { } w ? rank[w] : -1;
        return new RegimeField(names, names.Select(x => counts[x]).ToArray(), index);
    }
}
