using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Scyfi.Core.Cycles;
using Scyfi.Core.Linear;
using Scyfi.Core.Models;

namespace Scyfi.Core.Sweeps;

/// <summary>What solving one given itinerary at one parameter point gives.</summary>
/// <param name="Outcome">Real, virtual, singular, …</param>
/// <param name="Object">The cycle when real (and of minimal period).</param>
/// <param name="DetIMinusP">det(I − P): changes sign where a real multiplier crosses +1.</param>
/// <param name="Multipliers">Eigenvalues of P (by decreasing modulus).</param>
/// <param name="CrossedUnit">For a virtual solution: the switching unit whose sign disagrees first with the itinerary (-1 otherwise).</param>
public sealed record ProbeResult(string Outcome, PointObject? Object, double DetIMinusP, Complex[] Multipliers, int CrossedUnit)
{
    /// <summary>True when the itinerary is a real cycle here.</summary>
    public bool Real => Object is not null;
}

/// <summary>
/// Solves a known itinerary directly at a parameter point: the primitive behind warm starts,
/// continuation of objects across the grid, and bisection of bifurcation locations.
/// </summary>
public static class ItineraryProbe
{
    /// <summary>Probes the itinerary (k patterns) in the model; <paramref name="spectrum"/> adds det(I − P) and the multipliers.</summary>
    public static ProbeResult Probe(ReluModel model, ulong[] itinerary, int k, bool spectrum = true)
    {
        var ev = new CandidateEvaluator(model.Form, cacheAffine: false);
        ev.EnsureCapacity(k);
        var outcome = ev.Evaluate(itinerary, k);
        int m = model.Dimension, w = model.RegionWords;
        var p = ev.Product.ToArray();
        double det = double.NaN;
        Complex[] multipliers = [];
        if (spectrum && p.All(double.IsFinite))
        {
            var a = Matrix<double>.Build.Dense(m, m, (i, j) => (i == j ? 1.0 : 0.0) - p[i * m + j]);
            det = a.Determinant();
            multipliers = Multipliers.Of(m, p);
        }
        PointObject? obj = null;
        int crossed = -1;
        if (outcome == CandidateOutcome.Real && ev.OrbitHasMinimalPeriod(k))
        {
            var cycle = CycleBuilder.FromRealCandidate(ev, itinerary, k);
            if (cycle is not null) obj = PointObject.From(cycle);
        }
        else if (outcome == CandidateOutcome.Virtual)
        {
            var visited = ev.Visited(k);
            for (int j = 0; j < k && crossed < 0; j++)
                for (int q = 0; q < w && crossed < 0; q++)
                {
                    ulong diff = visited[j * w + q] ^ itinerary[j * w + q];
                    if (diff != 0) crossed = q * 64 + System.Numerics.BitOperations.TrailingZeroCount(diff);
                }
        }
        return new ProbeResult(outcome.ToString().ToLowerInvariant(), obj, det, multipliers, crossed);
    }
}
