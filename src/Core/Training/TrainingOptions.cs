namespace Scyfi.Core.Training;

/// <summary>Settings of a training run (the options of <c>scyfi train</c>).</summary>
public sealed class TrainingOptions
{
    /// <summary>The model families that can be trained.</summary>
    public static readonly string[] Families = ["plrnn", "shplrnn", "clipped-shplrnn", "alrnn"];

    /// <summary>Model family: plrnn, shplrnn, clipped-shplrnn or alrnn.</summary>
    public string Model { get; init; } = "plrnn";
    /// <summary>Latent dimension M (at least the data dimension N).</summary>
    public int Latent { get; init; }
    /// <summary>Hidden units L of the shallow families.</summary>
    public int Hidden { get; init; }
    /// <summary>P, the number of relu units of an ALRNN.</summary>
    public int ReluCount { get; init; }
    /// <summary>"bptt" (α = 0) or "gtf".</summary>
    public string Method { get; init; } = "bptt";
    /// <summary>Forcing strength α of generalised teacher forcing (0 for BPTT).</summary>
    public double Alpha { get; init; }
    /// <summary>Number of epochs E.</summary>
    public int Epochs { get; init; } = 100;
    /// <summary>Window length T.</summary>
    public int SequenceLength { get; init; } = 200;
    /// <summary>Windows per batch B.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Batches (parameter updates) per epoch.</summary>
    public int BatchesPerEpoch { get; init; } = 50;
    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>"adam" or "radam".</summary>
    public string Optimizer { get; init; } = "radam";
    /// <summary>Largest gradient norm (the gradient is rescaled above it), or null for no clipping.</summary>
    public double? Clip { get; init; }
    /// <summary>Seed of the initial parameters and of the window sampling.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>A checkpoint every this many epochs (epoch 0 and the last epoch are always saved).</summary>
    public int CheckpointEvery { get; init; } = 25;

    /// <summary>Throws a <see cref="ScyfiInputException"/> (named by the command-line option) for the first invalid setting.</summary>
    public void Validate(TimeSeries data)
    {
        if (Array.IndexOf(Families, Model) < 0) throw new ScyfiInputException($"--model '{Model}' is not one of {string.Join(", ", Families)}");
        if (Latent < 1) throw new ScyfiInputException($"--latent must be at least 1 (got {Latent})");
        if (Latent > 4096) throw new ScyfiInputException($"--latent {Latent} is too large (at most 4096)");
        if (Latent < data.Dimension)
            throw new ScyfiInputException($"--latent M = {Latent} is smaller than the data dimension N = {data.Dimension} (the first N latent units are observed)");
        bool shallow = Model is "shplrnn" or "clipped-shplrnn";
        if (shallow && Hidden < 1) throw new ScyfiInputException($"--hidden L (at least 1) is required for a {Model}");
        if (!shallow && Hidden != 0) throw new ScyfiInputException($"--hidden applies to shplrnn and clipped-shplrnn, not to a {Model}");
        if (Hidden > 65536) throw new ScyfiInputException($"--hidden {Hidden} is too large (at most 65536)");
        if (Model == "alrnn" && (ReluCount < 0 || ReluCount > Latent))
            throw new ScyfiInputException($"--relu-count must lie between 0 and M = {Latent} (got {ReluCount})");
        if (Model != "alrnn" && ReluCount != 0) throw new ScyfiInputException($"--relu-count applies to alrnn, not to a {Model}");
        if (Method is not ("bptt" or "gtf")) throw new ScyfiInputException($"--method '{Method}' is not one of bptt, gtf");
        if (!(Alpha >= 0 && Alpha <= 1)) throw new ScyfiInputException($"--alpha must lie in [0, 1] (got {Alpha})");
        if (Method == "bptt" && Alpha != 0) throw new ScyfiInputException("--alpha applies to --method gtf (bptt is α = 0)");
        if (Epochs < 1) throw new ScyfiInputException($"--epochs must be at least 1 (got {Epochs})");
        if (SequenceLength < 2) throw new ScyfiInputException($"--seq-len must be at least 2 (got {SequenceLength})");
        if (SequenceLength > data.Length)
            throw new ScyfiInputException($"--seq-len {SequenceLength} is longer than the data ({data.Length} time steps)");
        if (BatchSize < 1) throw new ScyfiInputException($"--batch must be at least 1 (got {BatchSize})");
        if (BatchesPerEpoch < 1) throw new ScyfiInputException($"--batches-per-epoch must be at least 1 (got {BatchesPerEpoch})");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ScyfiInputException($"--lr must be a positive number (got {LearningRate})");
        if (Array.IndexOf(Training.Optimizer.Names, Optimizer) < 0) throw new ScyfiInputException($"--optimizer '{Optimizer}' is not one of adam, radam");
        if (Clip is { } c && !(c > 0 && double.IsFinite(c))) throw new ScyfiInputException($"--clip must be a positive number (got {c})");
        if (CheckpointEvery < 1) throw new ScyfiInputException($"--checkpoint-every must be at least 1 (got {CheckpointEvery})");
    }
}
