using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Scyfi.Core.Training;

namespace Scyfi.Bench;

/// <summary>
/// Training throughput: one operation is one epoch (50 batches of 16 windows of 200 steps, i.e.
/// 160 000 forward and backward steps, plus 50 RAdam updates) of a PLRNN with latent dimension
/// M on 2-D GT16 data, free-running BPTT against GTF with α = 0.1. Epochs per second = 1 / mean.
/// Monitoring strategy (one epoch per iteration): an epoch is long enough to time on its own.
/// Min is the figure to quote on a shared machine: other processes only ever add time.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 10, id: "epoch")]
public class TrainingBenchmarks
{
    private Trainer _trainer = null!;

    /// <summary>Latent dimension.</summary>
    [Params(2, 20)]
    public int M { get; set; }

    /// <summary>bptt (α = 0) or gtf (α = 0.1); not called "Method", which is BenchmarkDotNet's own column.</summary>
    [Params("bptt", "gtf")]
    public string Training { get; set; } = "bptt";

    [GlobalSetup]
    public void Setup()
    {
        var gt16 = BenchModels.Load(Path.Combine(BenchModels.Root, "tests", "data", "cases", "gt16.json"));
        var data = Simulator.Run(gt16, new SimulationOptions { Steps = 5000, Noise = 0.01, Seed = 1, Transient = 100 }).Standardized(out _, out _);
        _trainer = new Trainer(data, new TrainingOptions
        {
            Model = "plrnn",
            Latent = M,
            Method = Training,
            Alpha = Training == "gtf" ? 0.1 : 0.0,
            Epochs = 1,
            SequenceLength = 200,
            BatchSize = 16,
            BatchesPerEpoch = 50,
            LearningRate = 1e-3,
            Optimizer = "radam",
            Seed = 1,
        });
    }

    [Benchmark(Description = "one epoch")]
    public double Epoch() => _trainer.RunEpoch().Loss;
}
