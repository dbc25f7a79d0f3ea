namespace Scyfi.Core.Import;

/// <summary>
/// Decides which stored matrix is the shPLRNN's W1 (M×L, applied after the ReLU) and which is W2
/// (L×M, inside it) by shape, not by name: some tools hand a file's W2 over as the model's W1
/// (science.md §9). With M = L shapes cannot tell, and a name is only trusted when it comes from a
/// struct's declared field order (Julia) or from the user.
/// </summary>
internal static class ShallowWeights
{
    /// <param name="src">The checkpoint, for messages.</param>
    /// <param name="first">The array stored as W1 (by name or field position).</param>
    /// <param name="second">The array stored as W2.</param>
    /// <param name="m">State dimension M (from A, h1).</param>
    /// <param name="l">Hidden units L (from h2).</param>
    /// <param name="userChoice">"W1" or "W2" from <see cref="ImportOptions.W1"/>, or null.</param>
    /// <param name="orderIsDeclared">True when the roles come from a declared field order (BSON structs).</param>
    public static (StoredArray W1, StoredArray W2) Resolve(CheckpointSource src, StoredArray first, StoredArray second, int m, int l,
        string? userChoice, bool orderIsDeclared)
    {
        ParameterReader.EnsureReadable(src, first);
        ParameterReader.EnsureReadable(src, second);
        if (first.Rank != 2 || second.Rank != 2)
            throw src.Fail($"'{first.Name}' is {first.ShapeText} and '{second.Name}' is {second.ShapeText}; a shPLRNN needs two matrices, W1 (M×L) and W2 (L×M)");
        string dims = $"M = {m}, L = {l}";
        if (userChoice is not null)
        {
            var (w1, w2) = userChoice == "W2" ? (second, first) : (first, second);
            if (!Is(w1, m, l) || !Is(w2, l, m))
                throw src.Fail($"with --w1 {userChoice}, '{w1.Name}' must be M×L = {m}×{l} and '{w2.Name}' L×M = {l}×{m}, but they are {w1.ShapeText} and {w2.ShapeText}");
            return (w1, w2);
        }
        if (m != l)
        {
            if (Is(first, m, l) && Is(second, l, m)) return (first, second);
            // The names are swapped but the shapes say which is which: accept.
            if (Is(first, l, m) && Is(second, m, l)) return (second, first);
            throw src.Fail($"'{first.Name}' is {first.ShapeText} and '{second.Name}' is {second.ShapeText}, but with {dims} (from A and h2) a shPLRNN needs one M×L = {m}×{l} matrix (W1) and one L×M = {l}×{m} (W2)");
        }
        if (!Is(first, m, m) || !Is(second, m, m))
            throw src.Fail($"'{first.Name}' is {first.ShapeText} and '{second.Name}' is {second.ShapeText}, expected both M×M = {m}×{m} ({dims})");
        if (orderIsDeclared) return (first, second);
        throw src.Fail($"W1 and W2 are both {m}×{m} (M = L = {m}), so their shapes cannot tell which one is applied after the ReLU; " +
            "pass --w1 W1 if the stored W1 is the matrix outside the ReLU (z' = A∘z + W1 relu(W2 z + h2) + h1), or --w1 W2 if the names are swapped");
    }

    private static bool Is(StoredArray a, int rows, int cols) => a.Rank == 2 && a.Shape[0] == rows && a.Shape[1] == cols;
}
