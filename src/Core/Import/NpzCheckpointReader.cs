using System.IO.Compression;
using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// Reads NumPy <c>.npz</c> files (<c>np.savez</c>, <c>np.savez_compressed</c>): a zip of <c>name.npy</c>
/// arrays, imported by name like a PyTorch state_dict (AW/h, A/W1/W2/h1/h2, A/W/h; a scalar <c>P</c>
/// gives an ALRNN's relu count).
/// </summary>
internal static class NpzCheckpointReader
{
    private const string Format = "NumPy .npz";

    public static ReluModel Load(string path, ImportOptions options)
    {
        var src = new CheckpointSource(path);
        var contents = new CheckpointContents(src);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                string name = entry.FullName[..^4];
                try
                {
                    using var stream = entry.Open();
                    contents.Arrays[name] = StoredArray.From(name, NpyReader.Read(stream, $"entry '{entry.FullName}'"));
                }
                catch (ScyfiInputException e)
                {
                    // An array Scyfi cannot read (say, pickled objects) only matters if the model needs it.
                    contents.Arrays[name] = StoredArray.Unreadable(name, e.Message);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw src.Corrupt(Format, e);
        }
        if (contents.Arrays.Count == 0) throw src.Fail("it holds no .npy arrays");
        return NamedArrayLayouts.Build(contents, options, TrainingHypers.Beside(path));
    }
}
