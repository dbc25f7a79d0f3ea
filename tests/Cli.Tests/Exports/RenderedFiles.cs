using System.Xml.Linq;
using SkiaSharp;

namespace Scyfi.Cli.Tests.Exports;

/// <summary>Reads back what MapPlot wrote: the PNG's pixels and the SVG's text.</summary>
internal sealed class RenderedFiles
{
    public RenderedFiles(string directory)
    {
        PngPath = Path.Combine(directory, "map.png");
        SvgPath = Path.Combine(directory, "map.svg");
        using var bitmap = SKBitmap.Decode(PngPath) ?? throw new InvalidDataException("map.png does not decode");
        Width = bitmap.Width;
        Height = bitmap.Height;
        Pixels = bitmap.Pixels.Select(p => ((uint)p.Red << 16) | ((uint)p.Green << 8) | p.Blue).ToArray();
        Svg = XDocument.Load(SvgPath);
        Texts = Svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
    }

    public string PngPath { get; }
    public string SvgPath { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>RGB of every pixel, row by row.</summary>
    public uint[] Pixels { get; }

    public XDocument Svg { get; }

    /// <summary>Contents of every SVG text element.</summary>
    public IReadOnlyList<string> Texts { get; }

    public long SvgBytes => new FileInfo(SvgPath).Length;

    public int DistinctColours => Pixels.Distinct().Count();

    /// <summary>How many pixels have exactly this colour.</summary>
    public int Count(ScottPlot.Color c) => Pixels.Count(p => p == ((uint)c.R << 16 | (uint)c.G << 8 | c.B));

    /// <summary>RGB at a pixel.</summary>
    public uint At(float x, float y) => Pixels[(int)y * Width + (int)x];

    /// <summary>True when some SVG text element contains the string.</summary>
    public bool HasText(string s) => Texts.Any(t => t.Contains(s, StringComparison.Ordinal));

    public int Elements(string localName) => Svg.Descendants().Count(e => e.Name.LocalName == localName);

    /// <summary>SVG shapes filled with this colour (any hex spelling).</summary>
    public int FilledWith(ScottPlot.Color c) =>
        Svg.Descendants().Count(e => e.Attribute("fill")?.Value is { } f && Normalize(f) == c.ToHex()[..7].ToUpperInvariant());

    /// <summary>SVG shapes stroked with this colour (any hex spelling).</summary>
    public int StrokedWith(ScottPlot.Color c) =>
        Svg.Descendants().Count(e => e.Attribute("stroke")?.Value is { } f && Normalize(f) == c.ToHex()[..7].ToUpperInvariant());

    private static string Normalize(string hex) =>
        hex.Length == 4 && hex[0] == '#' ? $"#{hex[1]}{hex[1]}{hex[2]}{hex[2]}{hex[3]}{hex[3]}".ToUpperInvariant() : hex.ToUpperInvariant();

    public static uint Rgb(ScottPlot.Color c) => (uint)c.R << 16 | (uint)c.G << 8 | c.B;
}
