using System.Globalization;
using System.Text.RegularExpressions;
using Scyfi.Core.Import;
using Scyfi.Core.Models;

namespace Scyfi.Core.Training;

/// <summary>A saved model of a training run.</summary>
/// <param name="Epoch">The epoch after which it was saved (0: the initial model).</param>
/// <param name="Path">The model JSON file.</param>
public sealed record TrainingCheckpoint(int Epoch, string Path)
{
    /// <summary>Reads the model (a plain Scyfi model file).</summary>
    public ReluModel Load() => ModelFile.Load(Path);

    /// <summary>Reads the model in any format <see cref="ModelLoader"/> knows (model JSON, .pt/.pth, .bson, .npz).</summary>
    public ReluModel Load(ImportOptions options) => ModelLoader.Load(Path, options);
}

/// <summary>
/// Checkpoint files of a run: <c>DIR/checkpoints/epoch_&lt;n&gt;.json</c>, each a model file as
/// written by <see cref="ModelFile.ToJson"/>, so <c>scyfi find</c> reads it directly.
/// </summary>
public static partial class TrainingCheckpoints
{
    /// <summary>Extensions of the checkpoint files <see cref="Discover"/> considers.</summary>
    public static readonly string[] ModelExtensions = [".json", ".pt", ".pth", ".bson", ".npz"];

    [GeneratedRegex(@"(\d+)$")]
    private static partial Regex TrailingNumber();

    /// <summary>Folder name inside the run directory.</summary>
    public const string DirectoryName = "checkpoints";

    /// <summary>File name of the checkpoint of <paramref name="epoch"/>.</summary>
    public static string FileName(int epoch) => $"epoch_{epoch.ToString(CultureInfo.InvariantCulture)}.json";

    /// <summary>Path of the checkpoint of <paramref name="epoch"/> in run directory <paramref name="runDir"/>.</summary>
    public static string PathFor(string runDir, int epoch) => Path.Combine(runDir, DirectoryName, FileName(epoch));

    /// <summary>
    /// The checkpoints of a run, by ascending epoch, given the run directory or its checkpoints
    /// folder. Other files in the folder are ignored.
    /// </summary>
    public static IReadOnlyList<TrainingCheckpoint> List(string dir)
    {
        string folder = Directory.Exists(Path.Combine(dir, DirectoryName)) ? Path.Combine(dir, DirectoryName) : dir;
        if (!Directory.Exists(folder)) throw new ScyfiInputException($"checkpoint folder '{folder}' not found");
        var list = new List<TrainingCheckpoint>();
        foreach (string file in Directory.EnumerateFiles(folder, "epoch_*.json"))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (int.TryParse(name.AsSpan("epoch_".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                list.Add(new TrainingCheckpoint(epoch, file));
        }
        list.Sort((a, b) => a.Epoch.CompareTo(b.Epoch));
        return list;
    }

    /// <summary>
    /// The checkpoints of a run, whatever wrote them: Scyfi's own <c>epoch_&lt;n&gt;.json</c> when the
    /// folder has them (<see cref="List"/>), otherwise every model file (<see cref="ModelExtensions"/>)
    /// whose name ends in a number, the epoch — <c>model_4750.bson</c>, <c>checkpoint-200.pt</c>. The
    /// folder is <c>DIR/checkpoints</c> when it exists, else DIR itself. Files without a number
    /// (<c>config.json</c>, <c>args.json</c>) are ignored; two files with the same epoch are an error.
    /// </summary>
    public static IReadOnlyList<TrainingCheckpoint> Discover(string dir)
    {
        var own = List(dir);
        if (own.Count > 0) return own;
        string folder = Directory.Exists(Path.Combine(dir, DirectoryName)) ? Path.Combine(dir, DirectoryName) : dir;
        var byEpoch = new SortedDictionary<int, TrainingCheckpoint>();
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            if (!ModelExtensions.Contains(Path.GetExtension(file).ToLowerInvariant())) continue;
            var m = TrailingNumber().Match(Path.GetFileNameWithoutExtension(file));
            if (!m.Success || !int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch)) continue;
            if (byEpoch.TryGetValue(epoch, out var other))
                throw new ScyfiInputException($"checkpoints '{Path.GetFileName(other.Path)}' and '{Path.GetFileName(file)}' in '{folder}' both have epoch {epoch}");
            byEpoch[epoch] = new TrainingCheckpoint(epoch, file);
        }
        return byEpoch.Values.ToList();
    }

    /// <summary>Writes a model as the checkpoint of <paramref name="epoch"/> (via a temporary file, so readers never see half a file).</summary>
    public static string Write(string runDir, int epoch, ReluModel model)
    {
        string path = PathFor(runDir, epoch);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, ModelFile.ToJson(model));
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
