using System.Buffers.Binary;
using System.IO.Compression;

namespace Scyfi.Core.Import;

/// <summary>The file formats <see cref="ModelLoader"/> tells apart.</summary>
internal enum CheckpointFormat
{
    Unknown,
    Json,
    Torch,
    JuliaBson,
    Npz,
    Npy,
}

/// <summary>
/// Decides a file's format: by extension when it has a known one, else by its first bytes (the ALRNN
/// tutorial's models, for instance, are torch.save files with no extension).
/// </summary>
internal static class CheckpointFormats
{
    public static CheckpointFormat Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => CheckpointFormat.Json,
        ".pt" or ".pth" or ".ckpt" => CheckpointFormat.Torch,
        ".bson" => CheckpointFormat.JuliaBson,
        ".npz" => CheckpointFormat.Npz,
        ".npy" => CheckpointFormat.Npy,
        _ => Sniff(path),
    };

    private static CheckpointFormat Sniff(string path)
    {
        var head = new byte[8];
        long length;
        using (var f = File.OpenRead(path))
        {
            length = f.Length;
            int n = 0;
            while (n < head.Length)
            {
                int r = f.Read(head, n, head.Length - n);
                if (r == 0) break;
                n += r;
            }
            if (n < 4) return CheckpointFormat.Unknown;
        }
        if (head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return SniffZip(path);
        // A pickle with protocol 2: torch.save's legacy format (the torch reader explains it).
        if (head[0] == 0x80 && head[1] == 0x02) return CheckpointFormat.Torch;
        if (head[0] == 0x93 && head[1] == (byte)'N' && head[2] == (byte)'U') return CheckpointFormat.Npy;
        // A BSON document starts with its own length and ends with a zero byte.
        if (BinaryPrimitives.ReadInt32LittleEndian(head) == length && length >= 5) return CheckpointFormat.JuliaBson;
        foreach (byte b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'{' ? CheckpointFormat.Json : CheckpointFormat.Unknown;
        }
        return CheckpointFormat.Unknown;
    }

    private static CheckpointFormat SniffZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Any(e => e.FullName == "data.pkl" || e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))) return CheckpointFormat.Torch;
            if (zip.Entries.Any(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))) return CheckpointFormat.Npz;
        }
        catch (InvalidDataException)
        {
            // A broken zip is reported by the torch reader, the likelier owner of an extension-less zip.
            return CheckpointFormat.Torch;
        }
        return CheckpointFormat.Unknown;
    }
}
