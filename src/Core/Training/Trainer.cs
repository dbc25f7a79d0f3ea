using Scyfi.Core.Randomness;

namespace Scyfi.Core.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">The epoch number (0: the initial model, evaluated without updates).</param>
/// <param name="Loss">Mean batch loss over the epoch, each computed before that batch's update.</param>
/// <param name="GradNorm">Mean Euclidean norm of the batch gradients, before clipping.</param>
/// <param name="SkippedUpdates">Batches whose loss, gradient or update was not finite, so no update was made.</param>
public readonly record struct EpochStats(int Epoch, double Loss, double GradNorm, int SkippedUpdates);

/// <summary>
/// Mini-batch training of one model: every batch draws <see cref="TrainingOptions.BatchSize"/>
/// windows at uniformly random starts, computes the loss and its exact gradient
/// (<see cref="SequenceObjective"/>), optionally clips the gradient norm, and takes one optimizer
/// step. Deterministic for a given seed: one thread, fixed summation order, and random streams
/// derived from the seed only. Buffers are allocated once.
/// </summary>
public sealed class Trainer
{
    private readonly TrainingOptions _options;
    private readonly SequenceObjective _objective;
    private readonly Optimizer _optimizer;
    private readonly int[] _starts;
    private readonly double[] _gradient, _backup;
    private Xoshiro256 _sampler;

    /// <summary>
    /// Validates the options against the data and sets up training of <paramref name="model"/>, or of
    /// a new model initialised from the seed when it is null.
    /// </summary>
    public Trainer(TimeSeries data, TrainingOptions options, TrainableModel? model = null)
    {
        options.Validate(data);
        _options = options;
        Model = model ?? TrainableModel.Create(options.Model, options.Latent, options.Hidden, options.ReluCount, options.Seed);
        if (Model.M < data.Dimension) throw new ScyfiInputException($"--latent M = {Model.M} is smaller than the data dimension N = {data.Dimension}");
        _objective = new SequenceObjective(Model, data, options.SequenceLength, options.Method == "gtf" ? options.Alpha : 0.0);
        _optimizer = Optimizer.Create(options.Optimizer, options.LearningRate, Model.Parameters.Length);
        _starts = new int[options.BatchSize];
        _gradient = new double[Model.Parameters.Length];
        _backup = new double[Model.Parameters.Length];
        _sampler = new Xoshiro256(options.Seed, 0x5A3B1E);
    }

    /// <summary>The model being trained (its parameters change in place).</summary>
    public TrainableModel Model { get; }

    /// <summary>The loss being minimised.</summary>
    public SequenceObjective Objective => _objective;

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>
    /// Statistics of the current model without changing it: mean loss and gradient norm over one
    /// epoch's worth of batches from a fixed random stream of their own (the same windows every call),
    /// so the training stream is unaffected. This is the epoch-0 row of the log.
    /// </summary>
    public EpochStats Evaluate()
    {
        var rng = new Xoshiro256(_options.Seed, 0xE7A1);
        double loss = 0, norm = 0;
        for (int b = 0; b < _options.BatchesPerEpoch; b++)
        {
            Draw(ref rng);
            loss += _objective.Evaluate(_starts, _gradient);
            norm += Norm(_gradient);
        }
        return new EpochStats(Epoch, loss / _options.BatchesPerEpoch, norm / _options.BatchesPerEpoch, 0);
    }

    /// <summary>
    /// One epoch of updates. Cancellation is honoured between batches by throwing
    /// <see cref="OperationCanceledException"/>; the parameters are then part-way through the epoch.
    /// </summary>
    public EpochStats RunEpoch(CancellationToken ct = default)
    {
        double loss = 0, norm = 0;
        int skipped = 0;
        double[] theta = Model.Parameters;
        for (int b = 0; b < _options.BatchesPerEpoch; b++)
        {
            ct.ThrowIfCancellationRequested();
            Draw(ref _sampler);
            double l = _objective.Evaluate(_starts, _gradient);
            double n = Norm(_gradient);
            loss += l;
            norm += n;
            // A diverging rollout gives an infinite loss or gradient; stepping on it would destroy the parameters.
            if (!double.IsFinite(l) || !double.IsFinite(n)) { skipped++; continue; }
            if (_options.Clip is { } clip && n > clip)
            {
                double s = clip / n;
                for (int k = 0; k < _gradient.Length; k++) _gradient[k] *= s;
            }
            theta.AsSpan().CopyTo(_backup);
            _optimizer.Step(theta, _gradient);
            if (!AllFinite(theta))
            {
                _backup.AsSpan().CopyTo(theta);
                skipped++;
            }
        }
        Epoch++;
        return new EpochStats(Epoch, loss / _options.BatchesPerEpoch, norm / _options.BatchesPerEpoch, skipped);
    }

    private void Draw(ref Xoshiro256 rng)
    {
        int range = _objective.MaxStart + 1;
        for (int i = 0; i < _starts.Length; i++) _starts[i] = rng.NextInt(range);
    }

    private static double Norm(ReadOnlySpan<double> g)
    {
        double s = 0;
        foreach (double x in g) s += x * x;
        return Math.Sqrt(s);
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double x in v)
            if (!double.IsFinite(x)) return false;
        return true;
    }
}
