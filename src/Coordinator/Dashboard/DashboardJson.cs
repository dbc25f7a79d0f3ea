using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// JSON of the public API: camelCase names, enums as strings, and NaN/∞ allowed (a multiplier or
/// a rate can be infinite; the API must not fail on it).
/// </summary>
public static class DashboardJson
{
    /// <summary>Options used by every endpoint and the event stream.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Serializes with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
