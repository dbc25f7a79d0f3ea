using System.Text.Json;
using System.Text.Json.Serialization;
using Scyfi.Core.Sweeps;

namespace Scyfi.Messages;

/// <summary>
/// Writes a <see cref="PointResult"/> as one base64 string of its <see cref="PointResultCodec"/>
/// bytes, in every message, journal event and store row that uses
/// <see cref="ScyfiJsonSerializer.Options"/>. Reads that form and also the plain JSON object that
/// earlier versions wrote, so journals and stores written before keep working.
/// </summary>
public sealed class PointResultJsonConverter : JsonConverter<PointResult>
{
    /// <summary>The shared options without this converter: the earlier, object form. Lazy, since
    /// <see cref="ScyfiJsonSerializer.Options"/> itself creates this converter.</summary>
    private static readonly Lazy<JsonSerializerOptions> ObjectForm = new(() =>
    {
        var o = new JsonSerializerOptions(ScyfiJsonSerializer.Options);
        foreach (var c in o.Converters.OfType<PointResultJsonConverter>().ToList()) o.Converters.Remove(c);
        return o;
    });

    /// <inheritdoc/>
    public override PointResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
            return JsonSerializer.Deserialize<PointResult>(ref reader, ObjectForm.Value) ?? throw new JsonException("null point result");
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"point result: expected a string, found {reader.TokenType}");
        try
        {
            return PointResultCodec.Decode(reader.GetBytesFromBase64());
        }
        catch (FormatException e)
        {
            throw new JsonException($"point result: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, PointResult value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(PointResultCodec.Encode(value));
}
