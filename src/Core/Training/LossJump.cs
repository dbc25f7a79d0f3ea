namespace Scyfi.Core.Training;

/// <summary>A sudden change of the training loss, found by <see cref="LossJumpRule"/>.</summary>
/// <param name="Epoch">The epoch of the largest single step inside the jump (where the loss changes fastest).</param>
/// <param name="From">Last epoch before the jump.</param>
/// <param name="To">Last epoch of the jump (for a divergence: the first epoch whose loss is not finite).</param>
/// <param name="Size">log10(loss at To) − log10(loss at From), in decades: negative when the loss drops; null for a divergence.</param>
/// <param name="Kind">"increase", "decrease" or "diverged" (the loss became NaN or infinite).</param>
public sealed record LossJump(int Epoch, int From, int To, double? Size, string Kind)
{
    /// <summary>Kind of a jump up.</summary>
    public const string Increase = "increase";
    /// <summary>Kind of a jump down.</summary>
    public const string Decrease = "decrease";
    /// <summary>Kind of a jump to a non-finite loss.</summary>
    public const string Diverged = "diverged";
}
