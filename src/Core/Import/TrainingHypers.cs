using System.Collections;

namespace Scyfi.Core.Import;

/// <summary>
/// The hyper-parameters a PyTorch training run saved beside its checkpoints: <c>hypers.pkl</c> (a pickled
/// dict of the run's arguments, as the dendPLRNN and MTF code write it) or, failing that, <c>hypers.txt</c>
/// (one "name value" per line). Scyfi only needs the ones that change the map: mean centring and clipping.
/// </summary>
internal sealed class TrainingHypers
{
    private TrainingHypers(string file, IReadOnlyDictionary<string, object?> values)
    {
        File = file;
        Values = values;
    }

    /// <summary>File name (hypers.pkl or hypers.txt), for messages.</summary>
    public string File { get; }

    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>The hypers file in the checkpoint's folder, or null when there is none; an unreadable one is an error.</summary>
    public static Func<TrainingHypers?> Beside(string checkpointPath) => () =>
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(checkpointPath)) ?? ".";
        string pkl = Path.Combine(dir, "hypers.pkl"), txt = Path.Combine(dir, "hypers.txt");
        if (System.IO.File.Exists(pkl)) return FromPickle(pkl, checkpointPath);
        if (System.IO.File.Exists(txt)) return FromText(txt, checkpointPath);
        return null;
    };

    private static TrainingHypers FromPickle(string path, string checkpointPath)
    {
        object? root;
        try { root = TorchUnpickler.LoadPlain(System.IO.File.ReadAllBytes(path)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ScyfiInputException($"checkpoint '{checkpointPath}': the hypers.pkl beside it cannot be read: {ScyfiInputException.FirstLine(e.Message)}");
        }
        // A pickled dict (args.__dict__) or a pickled argparse Namespace (a ClassDict of its attributes).
        if (root is not IDictionary d)
            throw new ScyfiInputException($"checkpoint '{checkpointPath}': the hypers.pkl beside it is not a dict of hyper-parameters");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in d)
            if (e.Key is string k && k != "__class__") values[k] = e.Value;
        return new TrainingHypers("hypers.pkl", values);
    }

    private static TrainingHypers FromText(string path, string checkpointPath)
    {
        string[] lines;
        try { lines = System.IO.File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"checkpoint '{checkpointPath}': the hypers.txt beside it cannot be read: {e.Message}");
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int sp = line.IndexOfAny([' ', '\t', '=', ':']);
            if (sp < 0) continue;
            values[line[..sp].Trim()] = line[(sp + 1)..].Trim(' ', '\t', '=', ':');
        }
        return new TrainingHypers("hypers.txt", values);
    }
}
