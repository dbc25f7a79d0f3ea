namespace Scyfi.Core.Import;

/// <summary>
/// Everything a container format (PyTorch pickle, NumPy .npz) yielded, flattened to dotted names:
/// the arrays, and the plain values beside them (module attributes such as an ALRNN's <c>P</c>,
/// saved arguments such as <c>clip_range</c>, module class names as <c>name.__class__</c>).
/// </summary>
internal sealed class CheckpointContents(CheckpointSource source)
{
    public CheckpointSource Source { get; } = source;

    public Dictionary<string, StoredArray> Arrays { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Splits a dotted (or slashed) name into its prefix and last part: "a.b.AW" → ("a.b", "AW").</summary>
    public static (string Prefix, string Leaf) Split(string name)
    {
        int i = name.LastIndexOfAny(['.', '/']);
        return i < 0 ? ("", name) : (name[..i], name[(i + 1)..]);
    }

    public static string Join(string prefix, string leaf) => prefix.Length == 0 ? leaf : prefix + "." + leaf;
}
