using System.Buffers.Binary;
using Scyfi.Core.Sweeps;

namespace Scyfi.Messages;

/// <summary>
/// Several point results in one blob, as the result store keeps a tile's checkpoint: a version
/// byte, the count, then each point as its length and its <see cref="PointResultCodec"/> bytes.
/// A reader that wants only some of the points (a tile's edge, for a neighbour's warm start)
/// skips the others by their length and decodes nothing it does not return.
/// </summary>
public static class PointBatchCodec
{
    /// <summary>First byte of every batch: the format version.</summary>
    public const byte Version = 1;

    // An encoded point starts with its codec's version byte, then its index.
    private const int IndexOffset = 1;

    /// <summary>Encodes the points, in the given order.</summary>
    /// <remarks>
    /// Into one array of the exact size: a tile's batch is hundreds of kilobytes, an allocation on
    /// the large-object heap, whose budget triggers full collections; a growing buffer and its
    /// copy would make two or more of them per checkpoint.
    /// </remarks>
    public static byte[] Encode(IReadOnlyCollection<PointResult> points)
    {
        var encoded = new byte[points.Count][];
        int size = 5, k = 0;
        foreach (var p in points)
        {
            encoded[k] = PointResultCodec.Encode(p);
            size += 4 + encoded[k++].Length;
        }
        var batch = new byte[size];
        batch[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(batch.AsSpan(1), points.Count);
        int at = 5;
        foreach (var bytes in encoded)
        {
            BinaryPrimitives.WriteInt32LittleEndian(batch.AsSpan(at), bytes.Length);
            bytes.CopyTo(batch, at + 4);
            at += 4 + bytes.Length;
        }
        return batch;
    }

    /// <summary>
    /// Decodes the points of a batch whose index <paramref name="wanted"/> accepts (all when it is
    /// null), in the order they were encoded; throws <see cref="FormatException"/> on anything
    /// <see cref="Encode"/> did not write.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> batch, Func<int, bool>? wanted, Action<PointResult> point)
    {
        if (batch.Length < 5) throw new FormatException("point batch is truncated");
        if (batch[0] != Version) throw new FormatException($"point batch of unknown version {batch[0]}");
        int count = BinaryPrimitives.ReadInt32LittleEndian(batch[1..]);
        int at = 5;
        for (int k = 0; k < count; k++)
        {
            if (batch.Length - at < 4) throw new FormatException("point batch is truncated");
            int length = BinaryPrimitives.ReadInt32LittleEndian(batch[at..]);
            at += 4;
            if (length < IndexOffset + 4 || length > batch.Length - at) throw new FormatException("point batch is truncated");
            var bytes = batch.Slice(at, length);
            at += length;
            if (wanted is null || wanted(BinaryPrimitives.ReadInt32LittleEndian(bytes[IndexOffset..])))
                point(PointResultCodec.Decode(bytes));
        }
        if (at != batch.Length) throw new FormatException("point batch has trailing bytes");
    }
}
