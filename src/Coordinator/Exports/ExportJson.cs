using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scyfi.Coordinator.Exports;

/// <summary>JSON settings shared by the sweep exports: camelCase, no nulls, indented.</summary>
internal static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
