using Scyfi.Core.Regions;

namespace Scyfi.Core.Sweeps;

/// <summary>Sorts point objects by order, then canonical itinerary (patterns as big integers).</summary>
public sealed class ObjectOrder(int words) : IComparer<PointObject>
{
    /// <inheritdoc/>
    public int Compare(PointObject? a, PointObject? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        int c = a.Order.CompareTo(b.Order);
        if (c != 0) return c;
        for (int j = 0; j < a.Order; j++)
        {
            c = PatternComparer.Compare(a.Itinerary.AsSpan(j * words, words), b.Itinerary.AsSpan(j * words, words));
            if (c != 0) return c;
        }
        return 0;
    }
}
