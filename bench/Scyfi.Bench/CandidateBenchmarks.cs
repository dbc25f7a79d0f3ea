using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Scyfi.Core.Cycles;

namespace Scyfi.Bench;

/// <summary>
/// Cost of evaluating ONE candidate itinerary (product and offset, solve, orbit of the true map,
/// region comparison): Scyfi's <see cref="CandidateEvaluator"/> against the naive reference-style
/// evaluation, on a random PLRNN with ρ(A + W) = 1 and a fixed random (solvable) itinerary.
/// One benchmark operation is one candidate, so Mean is the time per candidate and Allocated the
/// bytes per candidate.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10, id: "candidate")]
public class CandidateBenchmarks
{
    private CandidateEvaluator _ours = null!;
    private NaiveScyfi _naive = null!;
    private ulong[] _itinerary = [];
    private bool[][] _regions = [];

    /// <summary>State dimension.</summary>
    [Params(2, 10, 50)]
    public int M { get; set; }

    /// <summary>Cycle order (itinerary length).</summary>
    [Params(1, 10, 50)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var model = BenchModels.RandomModel(M, seed: 7);
        _itinerary = BenchModels.SolvableItinerary(model, K, seed: 11);
        _ours = new CandidateEvaluator(model.Form);
        _ours.EnsureCapacity(K);
        _naive = NaiveScyfi.FromModel(model);
        _regions = NaiveScyfi.Regions(_itinerary, K, M);
        // Warm both once so lazily grown buffers are not attributed to the measured operation.
        _ours.Evaluate(_itinerary, K);
        _naive.Evaluate(_regions);
    }

    [Benchmark(Baseline = true, Description = "Scyfi CandidateEvaluator")]
    public int Ours() => (int)_ours.Evaluate(_itinerary, K);

    [Benchmark(Description = "naive (MathNet, inverse)")]
    public int Naive() => (int)_naive.Evaluate(_regions);
}
