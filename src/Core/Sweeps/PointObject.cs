using System.Numerics;
using System.Text.Json.Serialization;
using Scyfi.Core.Cycles;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// A cycle found at a grid point, in a compact form that crosses the wire and the journal: flat
/// arrays only. Points are k·M values (point j at j·M), in the rotation of the canonical itinerary.
/// </summary>
public sealed record PointObject(
    int Order,
    ulong[] Itinerary,
    double[] Points,
    double[] MultipliersRe,
    double[] MultipliersIm,
    Stability Stability,
    double SpectralRadius,
    double BorderDistance,
    int BorderUnit)
{
    /// <summary>Compacts a cycle.</summary>
    public static PointObject From(Cycle c) => new(
        c.Order,
        c.Itinerary.Codes.ToArray(),
        Flatten(c.Points),
        c.Multipliers.Select(l => l.Real).ToArray(),
        c.Multipliers.Select(l => l.Imaginary).ToArray(),
        c.Stability,
        c.SpectralRadius,
        c.BorderDistance,
        c.BorderUnit);

    private static double[] Flatten(double[][] points)
    {
        var flat = new double[points.Sum(p => p.Length)];
        int at = 0;
        foreach (var p in points) { p.CopyTo(flat, at); at += p.Length; }
        return flat;
    }

    /// <summary>The canonical itinerary as a value.</summary>
    public Itinerary Key(int words) => new((ulong[])Itinerary.Clone(), words);

    /// <summary>Multipliers as complex numbers.</summary>
    [JsonIgnore]
    public Complex[] Multipliers => MultipliersRe.Select((re, i) => new Complex(re, MultipliersIm[i])).ToArray();

    /// <summary>Point j (M coordinates).</summary>
    public ReadOnlySpan<double> Point(int j, int m) => Points.AsSpan(j * m, m);

    /// <summary>True when the itinerary equals the other's (same order, same codes).</summary>
    public bool SameItinerary(PointObject other) => Order == other.Order && Itinerary.AsSpan().SequenceEqual(other.Itinerary);
}

/// <summary>
/// Everything computed at one grid point: its objects (sorted by order, then itinerary) and how
/// many degenerate features it has (singular itineraries, non-hyperbolic objects, objects on a
/// border): such points are marked, never allowed to break the sweep.
/// </summary>
public sealed record PointResult(int Index, PointObject[] Objects, int Degenerate, long Candidates)
{
    /// <summary>Number of k-cycles.</summary>
    public int Count(int k) => Objects.Count(o => o.Order == k);

    /// <summary>Number of stable k-cycles.</summary>
    public int Stable(int k) => Objects.Count(o => o.Order == k && o.Stability == Stability.Stable);

    /// <summary>True when an object with this itinerary exists here.</summary>
    public bool Has(PointObject o) => AnyWithItineraryOf(Objects, o);

    /// <summary>
    /// True when one of <paramref name="objects"/> has the itinerary of <paramref name="o"/>. A
    /// loop, not LINQ: continuation and detection ask this millions of times per sweep, and a
    /// closure per question was a few per cent of everything a sweep allocated.
    /// </summary>
    public static bool AnyWithItineraryOf(ReadOnlySpan<PointObject> objects, PointObject o)
    {
        foreach (var x in objects)
            if (x.SameItinerary(o)) return true;
        return false;
    }
}
