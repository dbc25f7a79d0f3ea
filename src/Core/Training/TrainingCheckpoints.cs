using System.Globalization;
using Scyfi.Core.Models;

namespace Scyfi.Core.Training;

/// <summary>A saved model of a training run.</summary>
/// <param name="Epoch">The epoch after which it was saved (0: the initial model).</param>
/// <param name="Path">The model JSON file.</param>
public sealed record TrainingCheckpoint(int Epoch, string Path)
{
    /// <summary>Reads the model (a plain Scyfi model file).</summary>
    public ReluModel Load() => ModelFile.Load(Path);
}

/// <summary>
/// Checkpoint files of a run: <c>DIR/checkpoints/epoch_&lt;n&gt;.json</c>, each a model file as
/// written by <see cref="ModelFile.ToJson"/>, so <c>scyfi find</c> reads it directly.
/// </summary>
public static class TrainingCheckpoints
{
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
