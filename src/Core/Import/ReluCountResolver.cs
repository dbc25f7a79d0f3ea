using System.Globalization;
using System.Text.RegularExpressions;

namespace Scyfi.Core.Import;

/// <summary>
/// Finds an ALRNN's P (the number of trailing ReLU units), which PyTorch ALRNN checkpoints do not store:
/// from the user, from the checkpoint itself when it has it, or from a name such as
/// <c>lorenz_m20_p2</c> (M = 20, P = 2), the convention of the ALRNN tutorial models.
/// </summary>
internal static partial class ReluCountResolver
{
    /// <param name="src">The checkpoint.</param>
    /// <param name="m">State dimension M.</param>
    /// <param name="stored">P as stored in the checkpoint, or null.</param>
    /// <param name="storedWhere">Where it was stored, for messages.</param>
    /// <param name="options">The user's options.</param>
    public static int Resolve(CheckpointSource src, int m, int? stored, string? storedWhere, ImportOptions options)
    {
        if (options.ReluCount is int given)
        {
            if (given < 0 || given > m) throw src.Fail($"--relu-count {given} must lie between 0 and M = {m}");
            if (stored is int s && s != given) throw src.Fail($"the checkpoint stores P = {s} ({storedWhere}), but --relu-count {given} was given");
            return given;
        }
        if (stored is int p)
        {
            if (p < 0 || p > m) throw src.Fail($"the stored P = {p} ({storedWhere}) does not lie between 0 and M = {m}");
            return p;
        }
        if (FromName(src.Path, m) is int named) return named;
        throw src.Fail($"it holds an ALRNN's A, W, h (M = {m}) but not P, the number of trailing ReLU units, and its name does not say it " +
            $"(as lorenz_m20_p2 would: M = 20, P = 2); pass --relu-count P (P = M = {m} makes it a vanilla PLRNN)");
    }

    /// <summary>P from the file name, else from its folder's name; null when neither says it unambiguously.</summary>
    internal static int? FromName(string path, int m)
    {
        string file = Path.GetFileName(path);
        string stem = Path.GetExtension(file) is ".pt" or ".pth" or ".npz" or ".bson" or ".ckpt" ? Path.GetFileNameWithoutExtension(file) : file;
        return FromTokens(stem, m) ?? FromTokens(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ""), m);
    }

    private static int? FromTokens(string name, int m)
    {
        var tokens = Separators().Split(name);
        var ps = tokens.Select(t => PToken().Match(t)).Where(x => x.Success)
            .Select(x => int.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        if (ps.Count != 1) return null;
        // A name that also states M must state this checkpoint's M, or it describes another model.
        var ms = tokens.Select(t => MToken().Match(t)).Where(x => x.Success)
            .Select(x => int.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        if (ms.Count > 1 || (ms.Count == 1 && ms[0] != m)) return null;
        return ps[0] <= m ? ps[0] : null;
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Separators();

    [GeneratedRegex("^[pP]([0-9]{1,6})$")]
    private static partial Regex PToken();

    [GeneratedRegex("^[mM]([0-9]{1,6})$")]
    private static partial Regex MToken();
}
