using System.Numerics;
using Scyfi.Core.Cycles;
using Scyfi.Core.Models;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// Compares the objects at the two ends of a grid edge and classifies every change
/// (science.md §4): objects are matched by canonical itinerary; an object that vanishes has its
/// last parameter located by bisection on "the itinerary is real here" (a solve per step, so the
/// location is exact to the bisection tolerance); it is a degenerate transcritical bifurcation
/// when det(I − P) changes sign there (a multiplier crossed +1 and the object ran to infinity),
/// otherwise a border collision of the unit that changed sign. Collisions of the same order at the
/// same place are paired: two vanishing (or appearing) together form a border-collision fold, one
/// vanishing and one appearing is an object continuing through the border with a changed
/// itinerary. Matched objects whose stability differs are located by bisection on the stability
/// label and typed by the multiplier that sits on the unit circle there.
/// </summary>
public sealed class BifurcationDetector(SweepGrid grid, bool bisect)
{
    /// <summary>Bisection stops when the bracket is this fraction of the edge.</summary>
    public const double BisectionTolerance = 1e-11;
    private const double SamePlace = 1e-6;

    private readonly SweepGrid _grid = grid;
    private readonly SweepSpec _spec = grid.Spec;
    private readonly int _words = grid.Spec.Model.RegionWords;

    /// <summary>Bifurcations on the edge from grid position (x0, y0) to (x1, y1) with results a and b.</summary>
    public List<Bifurcation> OnEdge(double x0, double y0, PointResult a, double x1, double y1, PointResult b)
    {
        var edge = new Edge(this, x0, y0, x1, y1);
        var found = new List<Located>();
        foreach (var o in a.Objects)
        {
            var other = b.Objects.FirstOrDefault(x => x.SameItinerary(o));
            if (other is null) found.Add(Disappearance(edge, o, vanishes: true));
            else if (other.Stability != o.Stability) found.Add(StabilityEvent(edge, o, other));
        }
        foreach (var o in b.Objects)
            if (!a.Has(o)) found.Add(Disappearance(edge, o, vanishes: false));
        return Pair(edge, found);
    }

    private sealed record Located(double T, string Kind, PointObject Object, bool Vanishes, string? Unit, double[]? Multiplier, Stability? Before, Stability? After);

    private Located Disappearance(Edge edge, PointObject o, bool vanishes)
    {
        // Parametrise so that the object is real at s = 0 and not at s = 1.
        double T(double s) => vanishes ? s : 1 - s;
        bool Real(double s) => edge.Probe(T(s), o, spectrum: false).Real;
        double lo = 0, hi = 1;
        if (bisect)
        {
            while (hi - lo > BisectionTolerance)
            {
                double mid = 0.5 * (lo + hi);
                if (Real(mid)) lo = mid; else hi = mid;
            }
        }
        var inside = edge.Probe(T(lo), o, spectrum: true);
        var outside = edge.Probe(T(hi), o, spectrum: true);
        double t = bisect ? T(0.5 * (lo + hi)) : 0.5;
        bool dtb = !(inside.DetIMinusP * outside.DetIMinusP > 0) || outside.Outcome is "singular" or "nonfinite";
        if (dtb)
        {
            var near = NearestToUnitCircle(outside.Multipliers.Length > 0 ? outside.Multipliers : inside.Multipliers);
            return new Located(t, BifurcationTypes.DegenerateTranscritical, o, vanishes, null, near, o.Stability, null);
        }
        string? unit = outside.CrossedUnit >= 0 ? _spec.Model.SwitchingUnitName(outside.CrossedUnit) : null;
        return new Located(t, BifurcationTypes.BorderCollision, o, vanishes, unit, null, o.Stability, null);
    }

    private Located StabilityEvent(Edge edge, PointObject a, PointObject b)
    {
        double lo = 0, hi = 1;
        if (bisect)
        {
            while (hi - lo > BisectionTolerance)
            {
                double mid = 0.5 * (lo + hi);
                var p = edge.Probe(mid, a, spectrum: false);
                if (p.Object is not null && p.Object.Stability == a.Stability) lo = mid; else hi = mid;
            }
        }
        var at = edge.Probe(bisect ? lo : 1, a, spectrum: true);
        var near = NearestToUnitCircle(at.Multipliers.Length > 0 ? at.Multipliers : b.Multipliers);
        if (bisect && edge.Probe(hi, a, spectrum: false) is { Object: null } gone)
        {
            // The itinerary is real at both ends but not everywhere between: the object leaves its
            // regions and comes back with another stability. No multiplier crosses the unit circle
            // (the one nearest to it is reported); it is a stability change at a border.
            string? unit = gone.CrossedUnit >= 0 ? _spec.Model.SwitchingUnitName(gone.CrossedUnit) : null;
            return new Located(0.5 * (lo + hi), BifurcationTypes.StabilityChange, a, true, unit, near, a.Stability, b.Stability);
        }
        string kind = Math.Abs(near[1]) > 1e-9 * Math.Max(1, Math.Abs(near[0])) ? BifurcationTypes.DegenerateNeimarkSacker
            : near[0] < 0 ? BifurcationTypes.DegenerateFlip
            : BifurcationTypes.DegenerateTranscritical;
        return new Located(bisect ? 0.5 * (lo + hi) : 0.5, kind, a, true, null, near, a.Stability, b.Stability);
    }

    private static double[] NearestToUnitCircle(Complex[] multipliers)
    {
        if (multipliers.Length == 0) return [double.NaN, double.NaN];
        var best = multipliers.MinBy(l => Math.Abs(l.Magnitude - 1));
        return [best.Real, best.Imaginary];
    }

    private List<Bifurcation> Pair(Edge edge, List<Located> found)
    {
        var result = new List<Bifurcation>();
        var collisions = found.Where(f => f.Kind == BifurcationTypes.BorderCollision).OrderBy(f => f.T).ToList();
        var used = new HashSet<Located>();
        foreach (var c in collisions)
        {
            if (used.Contains(c)) continue;
            var partner = collisions.FirstOrDefault(d => d != c && !used.Contains(d) && d.Object.Order == c.Object.Order && Math.Abs(d.T - c.T) <= SamePlace);
            used.Add(c);
            if (partner is null)
            {
                result.Add(Make(edge, c.T, BifurcationTypes.BorderCollision, c.Object.Order, c.Vanishes ? "vanishes" : "appears",
                    [c.Object], c.Unit, c.Vanishes ? c.Object.Stability : null, c.Vanishes ? null : c.Object.Stability, null));
                continue;
            }
            used.Add(partner);
            if (partner.Vanishes == c.Vanishes)
            {
                result.Add(Make(edge, 0.5 * (c.T + partner.T), BifurcationTypes.BorderCollisionFold, c.Object.Order, c.Vanishes ? "vanishes" : "appears",
                    [c.Object, partner.Object], c.Unit ?? partner.Unit, null, null, null));
            }
            else
            {
                var before = c.Vanishes ? c : partner;
                var after = c.Vanishes ? partner : c;
                string type = before.Object.Stability == after.Object.Stability ? BifurcationTypes.BorderCollision : BifurcationTypes.StabilityChange;
                result.Add(Make(edge, 0.5 * (c.T + partner.T), type, c.Object.Order, "persists",
                    [before.Object, after.Object], before.Unit ?? after.Unit, before.Object.Stability, after.Object.Stability, null));
            }
        }
        foreach (var f in found.Where(f => f.Kind != BifurcationTypes.BorderCollision))
        {
            string change = f.Kind == BifurcationTypes.DegenerateTranscritical && f.After is null ? (f.Vanishes ? "vanishes" : "appears") : "stability";
            result.Add(Make(edge, f.T, f.Kind, f.Object.Order, change, [f.Object], f.Unit,
                change == "appears" ? null : f.Before, change == "vanishes" ? null : f.After ?? (change == "appears" ? f.Object.Stability : null), f.Multiplier));
        }
        return result;
    }

    private Bifurcation Make(Edge edge, double t, string type, int order, string change, PointObject[] objects, string? unit,
        Stability? before, Stability? after, double[]? multiplier)
    {
        var detail = new BifurcationDetail(change, objects.Select(ItineraryText).ToArray(), unit,
            before?.Label(), after?.Label(), multiplier, edge.AxisMap(0), edge.AxisMap(1));
        return new Bifurcation(edge.AxisMap(t), type, order, detail);
    }

    private string ItineraryText(PointObject o) =>
        string.Join(" ", Enumerable.Range(0, o.Order).Select(j => _spec.Model.PatternString(o.Itinerary.AsSpan(j * _words, _words))));

    /// <summary>A grid edge parametrised by t ∈ [0, 1].</summary>
    private sealed class Edge(BifurcationDetector d, double x0, double y0, double x1, double y1)
    {
        public double[] Axes(double t) => d._grid.AxisValuesAt(x0 + t * (x1 - x0), y0 + t * (y1 - y0));

        public Dictionary<string, double> AxisMap(double t)
        {
            var v = Axes(t);
            return d._spec.Axes.Select((a, i) => (a.Name, v[i])).ToDictionary(x => x.Name, x => x.Item2);
        }

        public ProbeResult Probe(double t, PointObject o, bool spectrum) =>
            ItineraryProbe.Probe(d._spec.ModelAt(Axes(t)), o.Itinerary, o.Order, spectrum);
    }
}
