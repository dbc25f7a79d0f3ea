using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;

namespace Scyfi.Messages;

/// <summary>
/// A compact binary form of <see cref="PointResult"/>: the doubles as their 8 bytes, the rest as
/// fixed-width little-endian integers. A tile's points cross the cluster several times (the
/// worker's journal, remoting to the coordinator, the result store); as JSON text every double
/// was printed and parsed with 17 digits, which cost more CPU than computing the points on
/// small grids (bench/results/cluster-profile.md). Bits are kept exactly, NaN and ±∞ included.
/// </summary>
public static class PointResultCodec
{
    /// <summary>First byte of every encoded point: the format version.</summary>
    public const byte Version = 1;

    /// <summary>Encodes one point result.</summary>
    public static byte[] Encode(PointResult p)
    {
        var w = new ArrayBufferWriter<byte>(64 + p.Objects.Sum(o => 64 + 8 * (o.Itinerary.Length + o.Points.Length + o.MultipliersRe.Length + o.MultipliersIm.Length)));
        w.GetSpan(1)[0] = Version;
        w.Advance(1);
        Int32(w, p.Index);
        Int32(w, p.Degenerate);
        Int64(w, p.Candidates);
        Int32(w, p.Objects.Length);
        foreach (var o in p.Objects)
        {
            Int32(w, o.Order);
            Array(w, o.Itinerary);
            Array(w, o.Points);
            Array(w, o.MultipliersRe);
            Array(w, o.MultipliersIm);
            Int32(w, (int)o.Stability);
            Double(w, o.SpectralRadius);
            Double(w, o.BorderDistance);
            Int32(w, o.BorderUnit);
        }
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static PointResult Decode(ReadOnlySpan<byte> data)
    {
        var r = new Reader(data);
        byte version = r.Byte();
        if (version != Version) throw new FormatException($"encoded point of unknown version {version}");
        int index = r.Int32();
        int degenerate = r.Int32();
        long candidates = r.Int64();
        var objects = new PointObject[r.Count()];
        for (int i = 0; i < objects.Length; i++)
        {
            int order = r.Int32();
            var itinerary = r.Array<ulong>();
            var points = r.Array<double>();
            var re = r.Array<double>();
            var im = r.Array<double>();
            var stability = (Stability)r.Int32();
            double radius = r.Double();
            double border = r.Double();
            int unit = r.Int32();
            objects[i] = new PointObject(order, itinerary, points, re, im, stability, radius, border, unit);
        }
        if (!r.AtEnd) throw new FormatException("encoded point has trailing bytes");
        return new PointResult(index, objects, degenerate, candidates);
    }

    private static void Int32(ArrayBufferWriter<byte> w, int v)
    {
        BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), v);
        w.Advance(4);
    }

    private static void Int64(ArrayBufferWriter<byte> w, long v)
    {
        BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), v);
        w.Advance(8);
    }

    private static void Double(ArrayBufferWriter<byte> w, double v) => Int64(w, BitConverter.DoubleToInt64Bits(v));

    private static void Array<T>(ArrayBufferWriter<byte> w, T[] values) where T : unmanaged
    {
        Int32(w, values.Length);
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (BitConverter.IsLittleEndian) w.Write(bytes);
        else
        {
            // The format is little-endian everywhere; swap each element on big-endian hosts.
            int size = bytes.Length / Math.Max(1, values.Length);
            foreach (var chunk in bytes.ToArray().Chunk(size)) { System.Array.Reverse(chunk); w.Write(chunk); }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public byte Byte() => Take(1)[0];
        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        public double Double() => BitConverter.Int64BitsToDouble(Int64());

        /// <summary>A length, checked against the bytes left so a corrupt length cannot allocate gigabytes.</summary>
        public int Count(int elementSize = 1)
        {
            int n = Int32();
            if (n < 0 || (long)n * elementSize > _data.Length - _at) throw new FormatException("encoded point is truncated");
            return n;
        }

        public T[] Array<T>() where T : unmanaged
        {
            int size = Marshal.SizeOf<T>();
            int n = Count(size);
            var bytes = Take(n * size);
            var result = new T[n];
            var target = MemoryMarshal.AsBytes(result.AsSpan());
            bytes.CopyTo(target);
            if (!BitConverter.IsLittleEndian)
                for (int i = 0; i < n; i++) target.Slice(i * size, size).Reverse();
            return result;
        }

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n > _data.Length - _at) throw new FormatException("encoded point is truncated");
            var s = _data.Slice(_at, n);
            _at += n;
            return s;
        }
    }
}
