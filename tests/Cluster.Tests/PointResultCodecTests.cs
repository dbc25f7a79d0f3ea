using System.Text.Json;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// The binary form of point results (what the journal, remoting and the result store carry):
/// every bit survives, the earlier JSON object form is still read, and damaged bytes are an
/// error rather than a wrong point.
/// </summary>
public sealed class PointResultCodecTests
{
    internal static PointResult Sample()
    {
        var saddle = new PointObject(2, [1UL, 3UL, ulong.MaxValue], [0.5, -1.25, 2, 1e-310], [0.9, -0.0], [0.5, -0.5], Stability.Saddle, 1.03, 0.1, 0);
        var odd = new PointObject(1, [0UL], [double.NaN, double.PositiveInfinity], [double.NegativeInfinity], [0], Stability.NonHyperbolic, double.Epsilon, -3.5, 17);
        return new PointResult(70_001, [saddle, odd], 1, long.MaxValue);
    }

    internal static void AssertBitwiseEqual(PointResult a, PointResult b)
    {
        Assert.Equal(a.Index, b.Index);
        Assert.Equal(a.Degenerate, b.Degenerate);
        Assert.Equal(a.Candidates, b.Candidates);
        Assert.Equal(a.Objects.Length, b.Objects.Length);
        foreach (var (x, y) in a.Objects.Zip(b.Objects))
        {
            Assert.Equal(x.Order, y.Order);
            Assert.Equal(x.Itinerary, y.Itinerary);
            Assert.Equal(x.Stability, y.Stability);
            Assert.Equal(x.BorderUnit, y.BorderUnit);
            foreach (var (u, v) in new[] { (x.Points, y.Points), (x.MultipliersRe, y.MultipliersRe), (x.MultipliersIm, y.MultipliersIm),
                                          ([x.SpectralRadius, x.BorderDistance], [y.SpectralRadius, y.BorderDistance]) })
                Assert.Equal(u.Select(BitConverter.DoubleToInt64Bits), v.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Encoding_keeps_every_bit_including_nan_infinities_negative_zero_and_subnormals()
    {
        var p = Sample();
        AssertBitwiseEqual(p, PointResultCodec.Decode(PointResultCodec.Encode(p)));
        var empty = new PointResult(0, [], 0, 0);
        AssertBitwiseEqual(empty, PointResultCodec.Decode(PointResultCodec.Encode(empty)));
    }

    [Fact]
    public void Json_carries_the_binary_form_and_still_reads_the_earlier_object_form()
    {
        var p = Sample();
        string json = JsonSerializer.Serialize(p, ScyfiJsonSerializer.Options);
        Assert.StartsWith("\"", json);   // one base64 string, not an object with 17-digit numbers
        AssertBitwiseEqual(p, JsonSerializer.Deserialize<PointResult>(json, ScyfiJsonSerializer.Options)!);

        // Stores and journals written before the binary form hold plain objects.
        var finite = new PointResult(5, [new PointObject(1, [2UL], [0.25, -4], [0.5], [0], Stability.Stable, 0.5, 0.01, 1)], 0, 99);
        string old = JsonSerializer.Serialize(finite, new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        Assert.StartsWith("{", old);
        AssertBitwiseEqual(finite, JsonSerializer.Deserialize<PointResult>(old, ScyfiJsonSerializer.Options)!);
    }

    [Fact]
    public void Binary_form_is_smaller_than_the_json_text_it_replaces()
    {
        var p = Sample() with { Objects = [.. Enumerable.Repeat(Sample().Objects[0] with { Points = [0.123456789012345, -1.98765432109876, 2.5e-7, 3.14159265358979] }, 8)] };
        string text = JsonSerializer.Serialize(p, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        Assert.True(PointResultCodec.Encode(p).Length * 3 < text.Length * 2, $"{PointResultCodec.Encode(p).Length} bytes vs {text.Length} characters");
    }

    [Fact]
    public void Damaged_bytes_are_rejected()
    {
        var bytes = PointResultCodec.Encode(Sample());
        Assert.Throws<FormatException>(() => PointResultCodec.Decode(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Throws<FormatException>(() => PointResultCodec.Decode([.. bytes, 0]));
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 99;
        Assert.Throws<FormatException>(() => PointResultCodec.Decode(wrongVersion));
        var hugeLength = (byte[])bytes.Clone();
        BitConverter.GetBytes(int.MaxValue).CopyTo(hugeLength, 1 + 4 + 4 + 8);   // the object count
        Assert.Throws<FormatException>(() => PointResultCodec.Decode(hugeLength));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PointResult>("\"AAEC\"", ScyfiJsonSerializer.Options));
    }
}
