using System.Text;
using System.Text.Json;
using Scyfi.Core.Cycles;
using Scyfi.Core.Models;

namespace Scyfi.Core.Reports;

/// <summary>
/// The JSON document of <c>scyfi find --json</c>:
/// <c>{"model":{..},"orders":[..],"counts":{..},"objects":[..],"degenerate":n,"degenerateItineraries":[..],"stats":{..}}</c>.
/// </summary>
public static class FindReport
{
    /// <summary>Writes the report as UTF-8 JSON text.</summary>
    public static string ToJson(ReluModel model, FindResult result, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(w, model, result);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the report object to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter w, ReluModel model, FindResult result)
    {
        w.WriteStartObject();
        w.WriteStartObject("model");
        w.WriteString("type", model.Type);
        w.WriteNumber("dimension", model.Dimension);
        w.WriteNumber("switchingUnits", model.SwitchingUnits);
        w.WriteEndObject();
        w.WriteStartArray("orders");
        foreach (int k in result.Orders) w.WriteNumberValue(k);
        w.WriteEndArray();
        w.WriteStartObject("counts");
        foreach (int k in result.Orders) w.WriteNumber(k.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Count(k));
        w.WriteEndObject();
        w.WriteStartArray("objects");
        foreach (var c in result.Cycles) WriteCycle(w, model, c);
        w.WriteEndArray();
        w.WriteNumber("degenerate", result.Degenerate.Count);
        w.WriteStartArray("degenerateItineraries");
        foreach (var d in result.Degenerate)
        {
            w.WriteStartObject();
            w.WriteNumber("order", d.Order);
            WriteItinerary(w, model, d.Itinerary);
            w.WriteString("kind", d.Kind);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var s = result.Stats;
        w.WriteStartObject("stats");
        w.WriteString("mode", s.Mode);
        w.WriteNumber("candidates", s.Candidates);
        w.WriteNumber("seconds", Math.Round(s.Seconds, 6));
        w.WriteNumber("threads", s.Threads);
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("regions", s.Regions);
        w.WriteBoolean("regionsExact", s.RegionsExact);
        w.WriteStartObject("candidatesPerOrder");
        foreach (var (k, n) in s.CandidatesPerOrder.OrderBy(p => p.Key))
            w.WriteNumber(k.ToString(System.Globalization.CultureInfo.InvariantCulture), n);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes one cycle object.</summary>
    public static void WriteCycle(Utf8JsonWriter w, ReluModel model, Cycle c)
    {
        w.WriteStartObject();
        w.WriteNumber("order", c.Order);
        w.WriteStartArray("points");
        foreach (var p in c.Points)
        {
            w.WriteStartArray();
            foreach (var x in p) w.WriteNumberValue(x);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        WriteItinerary(w, model, c.Itinerary);
        w.WriteStartArray("eigenvalues");
        foreach (var l in c.Multipliers)
        {
            w.WriteStartArray();
            w.WriteNumberValue(l.Real);
            w.WriteNumberValue(l.Imaginary);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("spectralRadius", c.SpectralRadius);
        w.WriteString("stability", c.Stability.Label());
        w.WriteNumber("residual", c.Residual);
        if (double.IsFinite(c.BorderDistance)) w.WriteNumber("borderDistance", c.BorderDistance);
        else w.WriteNull("borderDistance");
        w.WriteEndObject();
    }

    private static void WriteItinerary(Utf8JsonWriter w, ReluModel model, Itinerary it)
    {
        w.WriteStartArray("itinerary");
        for (int j = 0; j < it.Order; j++) w.WriteStringValue(model.PatternString(it.Pattern(j)));
        w.WriteEndArray();
    }
}
