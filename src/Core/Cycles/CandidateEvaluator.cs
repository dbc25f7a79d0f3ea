using Scyfi.Core.Linear;
using Scyfi.Core.Models;

namespace Scyfi.Core.Cycles;

/// <summary>What one candidate itinerary turned out to be.</summary>
internal enum CandidateOutcome
{
    /// <summary>The orbit of the solution visits exactly the assumed regions and closes.</summary>
    Real,
    /// <summary>The solution exists but visits other regions (<see cref="CandidateEvaluator.Visited"/>).</summary>
    Virtual,
    /// <summary>I − P is singular: a multiplier at +1.</summary>
    Singular,
    /// <summary>Overflow in the product, the solution or the orbit.</summary>
    NonFinite,
    /// <summary>Regions matched but the orbit does not close to tolerance (round-off dominated).</summary>
    Unreliable,
}

/// <summary>
/// Evaluates candidate itineraries: accumulates the Jacobian product P and offset c, solves
/// (I − P) z = c, iterates the true map from z and reports the regions actually visited. Every
/// buffer is owned here and reused, so evaluating a candidate allocates nothing; one evaluator
/// per thread.
/// </summary>
internal sealed class CandidateEvaluator
{
    private readonly ReluForm _f;
    private readonly int _m, _w;
    private readonly double[] _p, _c, _j, _cj, _tmp, _lu, _u;
    private readonly double[]? _cacheJ, _cacheC;
    private double[] _points = [];
    private ulong[] _visited = [];
    private int _capacity;

    public CandidateEvaluator(ReluForm form, bool cacheAffine = true)
        : this(form, cacheAffine ? AffineCache.For(form) : null) { }

    /// <summary>Creates an evaluator sharing a precomputed affine cache (read-only, shared across threads).</summary>
    public CandidateEvaluator(ReluForm form, AffineCache? cache)
    {
        _f = form;
        _m = form.M;
        _w = form.Words;
        int mm = _m * _m;
        _p = new double[mm];
        _c = new double[_m];
        _j = new double[mm];
        _cj = new double[_m];
        _tmp = new double[mm + _m];
        _lu = new double[mm];
        _u = new double[Math.Max(1, form.S)];
        _cacheJ = cache?.J;
        _cacheC = cache?.C;
        EnsureCapacity(16);
    }

    /// <summary>The form being evaluated.</summary>
    public ReluForm Form => _f;

    /// <summary>Number of candidates evaluated so far.</summary>
    public long Candidates { get; private set; }

    /// <summary>‖F^k(z₁) − z₁‖∞ of the last solved candidate.</summary>
    public double LastResidual { get; private set; }

    /// <summary>Regions visited by the orbit of the last solved candidate (k·words).</summary>
    public ReadOnlySpan<ulong> Visited(int k) => _visited.AsSpan(0, k * _w);

    /// <summary>Orbit of the last solved candidate: k+1 points z₁..z_{k+1} (row j = point j).</summary>
    public ReadOnlySpan<double> Orbit(int k) => _points.AsSpan(0, (k + 1) * _m);

    /// <summary>Jacobian product P of the last candidate (M×M).</summary>
    public ReadOnlySpan<double> Product => _p;

    /// <summary>Offset c of the last candidate.</summary>
    public ReadOnlySpan<double> Offset => _c;

    /// <summary>
    /// Minimal-period check on the orbit of the last real candidate, without allocating: false
    /// when z_{j+p} = z_j (relative tolerance) for some proper divisor p of k, i.e. the candidate is
    /// a lower-order cycle traversed k/p times.
    /// </summary>
    public bool OrbitHasMinimalPeriod(int k)
    {
        int m = _m;
        ReadOnlySpan<double> pts = _points.AsSpan(0, k * m);
        double tol = Cycle.PointTolerance * (1 + DenseKernels.MaxAbs(pts));
        for (int p = 1; p < k; p++)
        {
            if (k % p != 0) continue;
            bool same = true;
            for (int i = 0; i < (k - p) * m && same; i++)
                same = Math.Abs(pts[i] - pts[i + p * m]) <= tol;
            if (same) return false;
        }
        return true;
    }

    /// <summary>Grows the buffers for orders up to k (allocates only when k exceeds any earlier order).</summary>
    public void EnsureCapacity(int k)
    {
        if (k <= _capacity) return;
        _capacity = Math.Max(k, 2 * _capacity);
        _points = new double[(_capacity + 1) * _m];
        _visited = new ulong[_capacity * _w];
    }

    /// <summary>Accumulates P and c for the itinerary (k patterns).</summary>
    public bool Accumulate(ReadOnlySpan<ulong> itinerary, int k)
    {
        int m = _m, mm = m * m, w = _w;
        DenseKernels.Reset(m, _p, _c);
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<ulong> pattern = itinerary.Slice(j * w, w);
            if (_cacheJ is not null)
            {
                int r = (int)pattern[0];
                DenseKernels.Accumulate(m, _cacheJ.AsSpan(r * mm, mm), _cacheC.AsSpan(r * m, m), _p, _c, _tmp);
            }
            else
            {
                _f.Affine(pattern, _j, _cj);
                DenseKernels.Accumulate(m, _j, _cj, _p, _c, _tmp);
            }
        }
        return DenseKernels.AllFinite(_p) && DenseKernels.AllFinite(_c);
    }

    /// <summary>
    /// Fast orbit for orthant models (PLRNN, ALRNN) with few units: the region index is read off
    /// the signs of the selected coordinates and the precomputed (J, c) of that region is applied.
    /// </summary>
    private void IterateCached(Span<double> pts, Span<ulong> visited, int k)
    {
        int m = _m, mm = m * m, s = _f.S;
        int[] sel = _f.Selector;
        double[] goff = _f.Goff;
        double[] cj = _cacheJ!, cc = _cacheC!;
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<double> z = pts.Slice(j * m, m);
            Span<double> next = pts.Slice((j + 1) * m, m);
            int r = 0;
            for (int q = 0; q < s; q++)
                if (z[sel[q]] + goff[q] > 0) r |= 1 << q;
            visited[j] = (ulong)r;
            ReadOnlySpan<double> jm = cj.AsSpan(r * mm, mm);
            ReadOnlySpan<double> c = cc.AsSpan(r * m, m);
            if (m == 2)
            {
                double z0 = z[0], z1 = z[1];
                next[0] = jm[0] * z0 + jm[1] * z1 + c[0];
                next[1] = jm[2] * z0 + jm[3] * z1 + c[1];
                continue;
            }
            for (int i = 0; i < m; i++)
            {
                double acc = c[i];
                ReadOnlySpan<double> row = jm.Slice(i * m, m);
                for (int q = 0; q < m; q++) acc += row[q] * z[q];
                next[i] = acc;
            }
        }
    }

    /// <summary>Evaluates one candidate itinerary of order k.</summary>
    public CandidateOutcome Evaluate(ReadOnlySpan<ulong> itinerary, int k)
    {
        Candidates++;
        int m = _m, w = _w;
        if (!Accumulate(itinerary, k)) return CandidateOutcome.NonFinite;
        Span<double> pts = _points.AsSpan(0, (k + 1) * m);
        var status = CycleSolver.Solve(m, _p, _c, _lu, pts.Slice(0, m));
        if (status == SolveStatus.Singular) return CandidateOutcome.Singular;
        if (status == SolveStatus.NonFinite) return CandidateOutcome.NonFinite;

        // Iterate the TRUE map: the region of each state is computed from the state itself and
        // the step uses that region's affine piece (equal to F there), never the assumed one.
        Span<ulong> visited = _visited.AsSpan(0, k * w);
        if (_cacheJ is not null && _f.AllSelectors) IterateCached(pts, visited, k);
        else
        {
            for (int j = 0; j < k; j++)
                _f.Step(pts.Slice(j * m, m), pts.Slice((j + 1) * m, m), visited.Slice(j * w, w), _u);
        }
        if (!DenseKernels.AllFinite(pts)) return CandidateOutcome.NonFinite;
        if (!visited.SequenceEqual(itinerary.Slice(0, k * w))) return CandidateOutcome.Virtual;

        // Closure: with matching regions F^k(z₁) − z₁ = c − (I − P) z₁ is the solve's residual plus
        // round-off of the k steps; scale the tolerance with the size of P and of the orbit.
        double residual = 0, scale = 0;
        for (int i = 0; i < m; i++)
        {
            residual = Math.Max(residual, Math.Abs(pts[k * m + i] - pts[i]));
        }
        for (int i = 0; i < k * m; i++) scale = Math.Max(scale, Math.Abs(pts[i]));
        LastResidual = residual;
        double tol = 1e-7 * (1 + scale) * (1 + DenseKernels.MaxAbs(_p));
        return residual <= tol ? CandidateOutcome.Real : CandidateOutcome.Unreliable;
    }
}
