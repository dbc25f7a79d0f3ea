using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using Scyfi.Core.Cycles;
using Scyfi.Core.Randomness;

namespace Scyfi.Bench;

/// <summary>What the naive evaluation of one candidate itinerary produced.</summary>
public enum NaiveOutcome
{
    /// <summary>The trajectory from z1 visits exactly the assumed regions.</summary>
    Real,
    /// <summary>The trajectory visits other regions.</summary>
    Virtual,
    /// <summary>The inverse or the solution is not finite (the reference's `catch`: "nothing").</summary>
    NoSolution,
}

/// <summary>An object the naive search recorded: its trajectory (k points) and its multipliers.</summary>
public sealed record NaiveCycle(int Order, double[][] Points, Complex[] Eigenvalues);

/// <summary>
/// The SCYFI algorithm for a PLRNN written the way the published reference code (Julia/Python) is
/// written, as the baseline of the benchmarks. Per candidate it allocates MathNet matrices, builds
/// the factors backwards (Z = I, H = I; for j = k..2: Z = Z·J_j; H += Z; then Z = Z·J_1) with
/// J_j = A + W·D_j and D_j a dense diagonal 0/1 matrix, solves z1 = (I − Z)⁻¹·H·h through an
/// explicit inverse, iterates the map on MathNet vectors, and deduplicates by rounding points to
/// two decimals and testing membership against every point found so far (lower orders and the
/// current order), exactly as the reference does. Orders run in ascending order, single-threaded.
/// <para>
/// Loop rules are the reference's: <c>i = -1; while i &lt; N_out { i++; R = random; c = 0;
/// while c &lt; N_in { c++; ... new object → i = 0, c = 0 } }</c>, with (N_out, N_in) from
/// <see cref="LoopBudget"/> (for 2^M regions, as Scyfi uses them) unless overridden. Random itineraries are drawn from the same
/// xoshiro256** streams (seed, k, outer-iteration number) and in the same way as Scyfi's full
/// region alphabet draws them, so that both implementations walk (almost) the same candidates and
/// the comparison measures implementation cost, not luck.
/// </para>
/// </summary>
public sealed class NaiveScyfi
{
    private static readonly MatrixBuilder<double> Mb = Matrix<double>.Build;
    private static readonly VectorBuilder<double> Vb = Vector<double>.Build;

    private readonly Matrix<double> _a, _w, _eye;
    private readonly Vector<double> _h;

    /// <summary>z' = A z + W relu(z) + h with full M×M A and W (row-major arrays).</summary>
    public NaiveScyfi(int m, double[] a, double[] w, double[] h)
    {
        if (m > 64) throw new ArgumentException("the naive baseline draws one 64-bit word per region (M ≤ 64)");
        M = m;
        _a = Mb.Dense(m, m, (i, j) => a[i * m + j]);
        _w = Mb.Dense(m, m, (i, j) => w[i * m + j]);
        _h = Vb.Dense((double[])h.Clone());
        _eye = Mb.DenseIdentity(m);
    }

    /// <summary>Builds the baseline from a Scyfi PLRNN model (its A, W, h parameters).</summary>
    public static NaiveScyfi FromModel(Scyfi.Core.Models.ReluModel model)
    {
        if (model.Type != "plrnn") throw new ArgumentException("the naive baseline supports PLRNNs only");
        int m = model.Dimension;
        var a = model.Parameter("A")!;
        var w = model.Parameter("W")!;
        var h = model.Parameter("h")!;
        double[] full = a.IsVector ? Enumerable.Range(0, m * m).Select(q => q / m == q % m ? a.Data[q / m] : 0.0).ToArray() : a.Data;
        return new NaiveScyfi(m, full, w.Data, h.Data);
    }

    /// <summary>State dimension.</summary>
    public int M { get; }

    /// <summary>Candidates evaluated by the last <see cref="Find"/>.</summary>
    public long Candidates { get; private set; }

    /// <summary>Trajectory of the last evaluated candidate (k points).</summary>
    public Vector<double>[] LastTrajectory { get; private set; } = [];

    /// <summary>Regions of the last trajectory, as the reference's list of 0/1 vectors.</summary>
    public bool[][] LastRegions { get; private set; } = [];

    /// <summary>Z = J_k ⋯ J_1 of the last candidate.</summary>
    public Matrix<double>? LastProduct { get; private set; }

    /// <summary>Converts Scyfi region codes (bit s = unit s) to the reference's list of 0/1 vectors.</summary>
    public static bool[][] Regions(ReadOnlySpan<ulong> codes, int k, int m)
    {
        var d = new bool[k][];
        for (int j = 0; j < k; j++)
        {
            d[j] = new bool[m];
            for (int s = 0; s < m; s++) d[j][s] = (codes[j] & (1UL << s)) != 0;
        }
        return d;
    }

    /// <summary>J = A + W·D with D the dense diagonal 0/1 matrix of a region.</summary>
    private Matrix<double> Jacobian(bool[] d)
    {
        var dm = Mb.DenseOfDiagonalArray(d.Select(b => b ? 1.0 : 0.0).ToArray());
        return _a + _w * dm;
    }

    /// <summary>
    /// Evaluates one candidate itinerary (the reference's get_cycle_point_candidate followed by
    /// get_latent_time_series and the region comparison).
    /// </summary>
    public NaiveOutcome Evaluate(bool[][] d)
    {
        Candidates++;
        int k = d.Length;
        // Factors, built backwards as in the reference.
        Matrix<double> z = _eye.Clone();
        Matrix<double> hf = _eye.Clone();
        for (int j = k - 1; j >= 1; j--)
        {
            z = z * Jacobian(d[j]);
            hf = hf + z;
        }
        z = z * Jacobian(d[0]);
        LastProduct = z;
        Matrix<double> inverse = (_eye - z).Inverse();
        Vector<double> z1 = inverse * hf * _h;
        if (!z1.ForAll(double.IsFinite))
        {
            LastTrajectory = [];
            return NaiveOutcome.NoSolution;
        }

        // Trajectory of the true map, then its regions.
        var trajectory = new Vector<double>[k];
        trajectory[0] = z1;
        for (int j = 1; j < k; j++)
        {
            var prev = trajectory[j - 1];
            trajectory[j] = _a * prev + _w * prev.PointwiseMaximum(0.0) + _h;
        }
        var regions = new bool[k][];
        for (int j = 0; j < k; j++) regions[j] = trajectory[j].Select(x => x > 0).ToArray();
        LastTrajectory = trajectory;
        LastRegions = regions;
        for (int j = 0; j < k; j++)
            if (!regions[j].SequenceEqual(d[j])) return NaiveOutcome.Virtual;
        return NaiveOutcome.Real;
    }

    /// <summary>Orders 1..K (or the given list, ascending), each with the reference's loops.</summary>
    public List<NaiveCycle> Find(IReadOnlyList<int> orders, int? outer = null, int? inner = null, ulong seed = 1)
    {
        Candidates = 0;
        var found = new List<NaiveCycle>();
        foreach (int k in orders)
        {
            var (o, i) = LoopBudget.Default(k, Math.Pow(2, M));
            found.AddRange(FindOrder(k, outer ?? o, inner ?? i, seed, found));
        }
        return found;
    }

    /// <summary>The reference's scy_fi for one order; <paramref name="lower"/> are the objects of lower orders.</summary>
    private List<NaiveCycle> FindOrder(int k, int nOuter, int nInner, ulong seed, List<NaiveCycle> lower)
    {
        var cycles = new List<NaiveCycle>();
        int stream = 0;
        int i = -1;
        while (i < nOuter)
        {
            i++;
            var rng = new Xoshiro256(seed, (ulong)k, (ulong)stream++);
            bool[][] d = RandomItinerary(ref rng, k);
            int c = 0;
            while (c < nInner)
            {
                c++;
                var outcome = Evaluate(d);
                if (outcome == NaiveOutcome.NoSolution)
                {
                    d = RandomItinerary(ref rng, k);
                    continue;
                }
                if (outcome == NaiveOutcome.Real)
                {
                    // Rounding dedup against every point found so far (reference: round.(…, digits=2) ∈ …).
                    var first = Round2(LastTrajectory[0]);
                    bool known = Contains(lower, first) || Contains(cycles, first);
                    if (!known)
                    {
                        var points = LastTrajectory.Select(v => v.ToArray()).ToArray();
                        var eig = LastProduct!.Evd().EigenValues.ToArray();
                        cycles.Add(new NaiveCycle(k, points, eig));
                        i = 0;
                        c = 0;
                    }
                    d = RandomItinerary(ref rng, k);
                }
                else
                {
                    d = LastRegions;
                }
            }
        }
        return cycles;
    }

    private static double[] Round2(Vector<double> v) => v.Select(x => Math.Round(x, 2)).ToArray();

    private static bool Contains(List<NaiveCycle> objects, double[] rounded)
    {
        // The reference rebuilds the rounded list of every found point on each test.
        var all = objects.SelectMany(o => o.Points).Select(p => p.Select(x => Math.Round(x, 2)).ToArray()).ToList();
        return all.Any(p => p.SequenceEqual(rounded));
    }

    /// <summary>Random itinerary drawn like Scyfi's full alphabet: one 64-bit word per region, masked to M bits.</summary>
    private bool[][] RandomItinerary(ref Xoshiro256 rng, int k)
    {
        ulong mask = M == 64 ? ulong.MaxValue : (1UL << M) - 1;
        var codes = new ulong[k];
        for (int j = 0; j < k; j++) codes[j] = rng.NextUInt64() & mask;
        return Regions(codes, k, M);
    }
}
