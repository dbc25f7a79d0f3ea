using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// A tile checkpoint's points in one blob (how the result store keeps them): every point comes
/// back bit for bit and in order, a reader asking for some indices gets exactly those, and a
/// damaged blob is an error rather than fewer points.
/// </summary>
public sealed class PointBatchCodecTests
{
    private static PointResult[] Points()
    {
        var sample = PointResultCodecTests.Sample();
        return [sample, sample with { Index = 3, Objects = [] }, sample with { Index = 12, Candidates = 5 }];
    }

    [Fact]
    public void Every_point_comes_back_bit_for_bit_in_order()
    {
        var points = Points();
        var back = new List<PointResult>();
        PointBatchCodec.Decode(PointBatchCodec.Encode(points), null, back.Add);
        Assert.Equal(points.Length, back.Count);
        foreach (var (a, b) in points.Zip(back)) PointResultCodecTests.AssertBitwiseEqual(a, b);

        var none = new List<PointResult>();
        PointBatchCodec.Decode(PointBatchCodec.Encode([]), null, none.Add);
        Assert.Empty(none);
    }

    [Fact]
    public void A_reader_gets_only_the_indices_it_asks_for()
    {
        var back = new List<PointResult>();
        PointBatchCodec.Decode(PointBatchCodec.Encode(Points()), i => i is 3 or 70_001, back.Add);
        Assert.Equal([70_001, 3], back.Select(p => p.Index));
        PointResultCodecTests.AssertBitwiseEqual(Points()[0], back[0]);
    }

    [Fact]
    public void A_damaged_batch_is_an_error()
    {
        var bytes = PointBatchCodec.Encode(Points());
        Assert.Throws<FormatException>(() => PointBatchCodec.Decode(bytes.AsSpan(0, bytes.Length - 1), null, _ => { }));
        Assert.Throws<FormatException>(() => PointBatchCodec.Decode([.. bytes, 0], null, _ => { }));
        Assert.Throws<FormatException>(() => PointBatchCodec.Decode(bytes.AsSpan(0, 3), null, _ => { }));
        var wrongVersion = bytes.ToArray();
        wrongVersion[0] = 9;
        Assert.Throws<FormatException>(() => PointBatchCodec.Decode(wrongVersion, null, _ => { }));
        var moreThanHeld = bytes.ToArray();
        moreThanHeld[1] = 4;   // the count says four points, three follow
        Assert.Throws<FormatException>(() => PointBatchCodec.Decode(moreThanHeld, null, _ => { }));
    }
}
