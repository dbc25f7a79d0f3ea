using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Scyfi.Core.Cycles;
using Scyfi.Core.Models;

namespace Scyfi.Bench;

/// <summary>
/// Whole searches, seed 1: one operation is one complete find (tens of milliseconds for Scyfi, about
/// a second for the naive baseline). Throughput strategy, so fast operations are repeated within
/// an iteration of about 0.5 s; warm-up iterations let tiered JIT settle.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 4, iterationCount: 10, id: "find")]
public abstract class FindBenchmarksBase
{
    private ReluModel _model = null!;
    private NaiveScyfi _naive = null!;

    protected abstract string ModelPath { get; }
    protected abstract IReadOnlyList<int> Orders { get; }
    protected virtual int? Outer => null;
    protected virtual int? Inner => null;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchModels.Load(ModelPath);
        _naive = NaiveScyfi.FromModel(_model);
    }

    private int Ours(int threads) => ScyfiFinder.Find(_model, new FinderOptions
    {
        Orders = Orders,
        Outer = Outer,
        Inner = Inner,
        Seed = 1,
        Threads = threads,
    }).Cycles.Count;

    [Benchmark(Baseline = true, Description = "Scyfi, 1 thread")]
    public int Ours1Thread() => Ours(1);

    [Benchmark(Description = "Scyfi, 2 threads")]
    public int Ours2Threads() => Ours(2);

    [Benchmark(Description = "naive, 1 thread")]
    public int Naive() => _naive.Find(Orders, Outer, Inner, seed: 1).Count;
}

/// <summary>examples/k53.json: all orders 1..53 with outer 10, inner 50 (the reference test's loop sizes for its 27-cycle case).</summary>
public class K53FindBenchmarks : FindBenchmarksBase
{
    protected override string ModelPath => BenchModels.K53Path;
    protected override IReadOnlyList<int> Orders => FinderOptions.UpTo(53);
    protected override int? Outer => 10;
    protected override int? Inner => 50;
}

/// <summary>
/// tests/data/cases/plrnn10d_k10.json: orders 1..10 with outer 20, inner 80 (the reference's
/// 10-D test settings; both implementations find the 3 fixed points and the two 10-cycles).
/// Explicit loop sizes keep the workload fixed while Scyfi's default budgets evolve.
/// </summary>
public class Plrnn10dFindBenchmarks : FindBenchmarksBase
{
    protected override string ModelPath => BenchModels.Plrnn10dPath;
    protected override IReadOnlyList<int> Orders => FinderOptions.UpTo(10);
    protected override int? Outer => 20;
    protected override int? Inner => 80;
}
