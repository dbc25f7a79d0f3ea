using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// JSON settings shared by the sweep exports: camelCase, no nulls, indented, and text as people
/// write it ("stable 2-cycle + saddle FP", "→"), not \u-escaped: these files are files, never
/// embedded in HTML.
/// </summary>
internal static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
