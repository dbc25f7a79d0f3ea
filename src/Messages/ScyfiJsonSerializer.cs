using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Scyfi.Messages;

/// <summary>
/// System.Text.Json serializer for every <see cref="IScyfiMessage"/>. The manifest is the type's
/// short name: stable as long as types are not renamed, which is what persisted events need.
/// </summary>
public sealed class ScyfiJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Serializer id (above Akka's reserved range).</summary>
    public const int Id = 7319;

    private static readonly FrozenDictionary<string, Type> Types = typeof(IScyfiMessage).Assembly.GetTypes()
        .Where(t => typeof(IScyfiMessage).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
        .ToFrozenDictionary(t => t.Name);

    /// <summary>
    /// Options shared with the result store (same wire format everywhere). Point results, the
    /// bulk of the traffic, are written in their binary form (<see cref="PointResultJsonConverter"/>).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new PointResultJsonConverter() },
    };

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o.GetType().Name;

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new System.Runtime.Serialization.SerializationException($"null payload for {manifest}")
            : throw new System.Runtime.Serialization.SerializationException($"unknown Scyfi manifest '{manifest}'");
}
