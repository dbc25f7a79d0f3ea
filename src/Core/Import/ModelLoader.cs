using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// The one entry point for models: a model JSON file (<see cref="ModelFile"/>) or a checkpoint users
/// already have — PyTorch state_dict (<c>.pt</c>, <c>.pth</c>), Julia BSON.jl (<c>.bson</c>) or NumPy
/// (<c>.npz</c>) — dispatched on the extension (or, without one, the first bytes). Maps Scyfi cannot
/// represent exactly (mean-centred ReLU, state clipping, dendritic bases) are refused, never analysed as
/// something they are not. Every problem is a one-line <see cref="ScyfiInputException"/>.
/// </summary>
public static class ModelLoader
{
    /// <summary>Loads a model from <paramref name="path"/>.</summary>
    public static ReluModel Load(string path, ImportOptions? options = null)
    {
        options = Normalise(options ?? ImportOptions.None);
        if (Directory.Exists(path)) throw new ScyfiInputException($"model '{path}' is a directory, not a model file");
        if (!File.Exists(path)) throw new ScyfiInputException($"model file '{path}' not found");
        try
        {
            var format = CheckpointFormats.Of(path);
            switch (format)
            {
                case CheckpointFormat.Json:
                    if (!options.IsEmpty)
                        throw new ScyfiInputException($"{OptionNames(options)} only applies to checkpoints; the model file '{path}' says everything itself");
                    return ModelFile.Load(path);
                case CheckpointFormat.Torch:
                    return TorchCheckpointReader.Load(path, options);
                case CheckpointFormat.JuliaBson:
                    return JuliaBsonReader.Load(path, options);
                case CheckpointFormat.Npz:
                    return NpzCheckpointReader.Load(path, options);
                case CheckpointFormat.Npy:
                    throw new ScyfiInputException($"'{path}' is a single NumPy array, not a model; save the parameters together with np.savez (A, W, h, …) and load the .npz");
                default:
                    throw new ScyfiInputException($"'{path}' is not a model format Scyfi reads (model JSON, PyTorch .pt/.pth, Julia .bson, NumPy .npz)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"model file '{path}' cannot be read: {e.Message}");
        }
    }

    private static ImportOptions Normalise(ImportOptions o)
    {
        if (o.W1 is null) return o;
        string w1 = o.W1.Trim();
        if (w1.Equals("W1", StringComparison.OrdinalIgnoreCase)) return o with { W1 = "W1" };
        if (w1.Equals("W2", StringComparison.OrdinalIgnoreCase)) return o with { W1 = "W2" };
        throw new ScyfiInputException($"--w1 must be W1 or W2 (the stored matrix that is the model's W1), not '{o.W1}'");
    }

    private static string OptionNames(ImportOptions o) =>
        o.ReluCount is not null && o.W1 is not null ? "--relu-count and --w1" : o.ReluCount is not null ? "--relu-count" : "--w1";
}
