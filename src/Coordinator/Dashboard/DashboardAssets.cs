using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>The page, its stylesheet and script: embedded in the assembly (Dashboard/Assets), read once, served as they are.</summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    /// <summary>The file, or 404.</summary>
    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var f) ? Results.Bytes(f.Bytes, f.Type) : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var asm = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>();
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(resource)!;
            using var m = new MemoryStream();
            s.CopyTo(m);
            string name = resource["dashboard/".Length..];
            files[name] = (m.ToArray(), Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            });
        }
        return files.ToFrozenDictionary();
    }
}
