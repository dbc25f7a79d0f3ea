namespace Scyfi.Core.Training;

/// <summary>A first-order optimizer updating a parameter vector in place from its gradient.</summary>
public abstract class Optimizer
{
    /// <summary>The optimizer names accepted by <see cref="Create"/>.</summary>
    public static readonly string[] Names = ["adam", "radam"];

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of steps taken.</summary>
    public long Steps { get; protected set; }

    /// <summary>Sets the learning rate.</summary>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>One update θ ← θ − step(g).</summary>
    public abstract void Step(Span<double> theta, ReadOnlySpan<double> gradient);

    /// <summary>Adam or RAdam with the usual β1 = 0.9, β2 = 0.999, ε = 1e-8, for <paramref name="size"/> parameters.</summary>
    public static Optimizer Create(string name, double learningRate, int size) => name switch
    {
        "adam" => new AdamOptimizer(learningRate, size),
        "radam" => new RAdamOptimizer(learningRate, size),
        _ => throw new ScyfiInputException($"unknown optimizer '{name}' (expected adam or radam)"),
    };
}
