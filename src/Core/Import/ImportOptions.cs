namespace Scyfi.Core.Import;

/// <summary>
/// What the user tells the checkpoint import that a checkpoint does not store. Both are refused for
/// checkpoints they do not apply to, so a misplaced option never passes silently.
/// </summary>
public sealed record ImportOptions
{
    /// <summary>No options.</summary>
    public static ImportOptions None { get; } = new();

    /// <summary>
    /// ALRNN: P, the number of trailing units with a ReLU. PyTorch ALRNN checkpoints do not store it;
    /// P = M turns the ALRNN into a vanilla PLRNN (ReLU on every unit).
    /// </summary>
    public int? ReluCount { get; init; }

    /// <summary>
    /// shPLRNN with M = L: which stored matrix, "W1" or "W2", is the model's W1 (the M×L matrix applied
    /// after the ReLU). Shapes decide when M ≠ L; with M = L they cannot, and the import asks.
    /// </summary>
    public string? W1 { get; init; }

    internal bool IsEmpty => ReluCount is null && W1 is null;
}
