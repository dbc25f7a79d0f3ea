using System.Collections.Concurrent;
using System.IO.Compression;
using Razorvine.Pickle.Objects;
using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// Reads PyTorch checkpoints in the zip format of <c>torch.save</c> (PyTorch ≥ 1.6): <c>&lt;archive&gt;/data.pkl</c>
/// is a pickle whose tensors refer, by persistent id, to storage files <c>&lt;archive&gt;/data/&lt;key&gt;</c>
/// (raw values in the byte order of <c>&lt;archive&gt;/byteorder</c>, little-endian if absent).
/// </summary>
internal static class TorchCheckpointReader
{
    private const string Format = "PyTorch checkpoint";

    /// <summary>How the legacy (pre-1.6, non-zip) format starts: a pickled magic number.</summary>
    private static readonly byte[] LegacyMagic = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    public static ReluModel Load(string path, ImportOptions options)
    {
        var src = new CheckpointSource(path);
        if (StartsWith(path, LegacyMagic))
            throw src.Fail("it is in the legacy torch.save format of PyTorch before 1.6, which Scyfi does not read; re-save it with a current PyTorch (torch.save(torch.load(f), f))");
        var contents = new CheckpointContents(src);
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw src.Corrupt(Format, new InvalidDataException($"not a zip archive ({ScyfiInputException.FirstLine(e.Message)})")); }
        using (zip)
        {
            try { Read(zip, contents); }
            catch (Exception e) when (e is not ScyfiInputException and not OutOfMemoryException)
            {
                throw src.Corrupt(Format, e);
            }
            // Values are decoded while the archive is still open: only the arrays the model uses.
            return NamedArrayLayouts.Build(contents, options, TrainingHypers.Beside(path));
        }
    }

    private static void Read(ZipArchive zip, CheckpointContents contents)
    {
        var pickles = zip.Entries.Where(e => e.FullName == "data.pkl" || (e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)
            && e.FullName.IndexOf('/', StringComparison.Ordinal) == e.FullName.Length - "/data.pkl".Length)).ToList();
        if (pickles.Count == 0) throw new InvalidDataException("the zip archive has no <archive>/data.pkl");
        if (pickles.Count > 1) throw new InvalidDataException($"the zip archive has {pickles.Count} data.pkl files");
        string prefix = pickles[0].FullName[..^"data.pkl".Length];
        bool bigEndian = ReadText(zip.GetEntry(prefix + "byteorder"))?.Trim() == "big";

        var storages = new ConcurrentDictionary<string, TorchStorage>(StringComparer.Ordinal);
        TorchStorage Storage(object?[] pid)
        {
            string typeName = pid[1] switch
            {
                ClassDictConstructor c => c.name,
                _ => PickleValues.Describe(pid[1]),
            };
            string key = PickleValues.Text(pid[2]);
            long numel = PickleValues.ToLong(pid[4], "a storage's element count");
            return storages.GetOrAdd(key, k =>
            {
                var entry = zip.GetEntry(prefix + "data/" + k) ?? throw new InvalidDataException($"storage data/{k} is missing from the archive");
                var type = TorchStorage.TypeOf(typeName);
                if (numel < 0) throw new InvalidDataException($"storage data/{k} has {numel} elements");
                if (type is ElementType t && entry.Length < numel * ElementTypes.Size(t))
                    throw new InvalidDataException($"storage data/{k} holds {entry.Length} bytes, but its {numel} {ElementTypes.Name(t)} values need {numel * ElementTypes.Size(t)}");
                return new TorchStorage(k, typeName, type, numel, () => ReadBytes(entry), bigEndian);
            });
        }

        byte[] pickle = ReadBytes(pickles[0]);
        object? root;
        using (var unpickler = new TorchUnpickler(Storage)) root = unpickler.loads(pickle);
        PickleFlattener.Flatten(root, contents);
    }

    private static byte[] ReadBytes(ZipArchiveEntry entry)
    {
        if (entry.Length > Array.MaxLength) throw new InvalidDataException($"{entry.FullName} is too large");
        using var s = entry.Open();
        var bytes = new byte[entry.Length];
        int total = 0;
        while (total < bytes.Length)
        {
            int n = s.Read(bytes, total, bytes.Length - total);
            if (n == 0) throw new InvalidDataException($"{entry.FullName} is truncated");
            total += n;
        }
        return bytes;
    }

    private static string? ReadText(ZipArchiveEntry? entry) =>
        entry is null ? null : System.Text.Encoding.ASCII.GetString(ReadBytes(entry));

    private static bool StartsWith(string path, byte[] prefix)
    {
        using var f = File.OpenRead(path);
        var head = new byte[prefix.Length];
        int n = f.Read(head, 0, head.Length);
        return n == prefix.Length && head.AsSpan().SequenceEqual(prefix);
    }
}
