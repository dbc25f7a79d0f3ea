using System.Globalization;
using Scyfi.Core.Cycles;
using Scyfi.Core.Models;
using Spectre.Console;

namespace Scyfi.Coordinator.Cli;

/// <summary>The human-readable output of <c>scyfi find</c>: counts per order, then one row per object.</summary>
internal static class FindTable
{
    private const int MaxItineraryShown = 8;

    public static void Write(TextWriter output, ReluModel model, FindResult result)
    {
        var console = Consoles.For(output);
        var s = result.Stats;
        console.MarkupLine($"[bold]{model.Type}[/]  M = {model.Dimension}, switching units = {model.SwitchingUnits}, regions = {s.Regions:G6}{(s.RegionsExact ? "" : " (sampled)")}");
        console.MarkupLine($"{s.Mode} search, orders {Markup.Escape(OrdersText(result.Orders))}: {result.Cycles.Count} objects, {s.Candidates:N0} candidates, {s.Seconds:F3} s on {s.Threads} threads, seed {s.Seed}");

        var counts = new Table().Border(TableBorder.Simple).AddColumns("order", "objects", "stable", "saddle", "unstable", "non-hyperbolic");
        foreach (int k in result.Orders)
        {
            var of = result.Cycles.Where(c => c.Order == k).ToList();
            if (of.Count == 0 && result.Orders.Count > 12) continue;
            counts.AddRow(k.ToString(CultureInfo.InvariantCulture), of.Count.ToString(CultureInfo.InvariantCulture),
                N(of, Stability.Stable), N(of, Stability.Saddle), N(of, Stability.Unstable), N(of, Stability.NonHyperbolic));
        }
        if (result.Orders.Count > 12) counts.Caption("orders with no objects omitted");
        console.Write(counts);

        if (result.Cycles.Count > 0)
        {
            var objects = new Table().Border(TableBorder.Simple).AddColumns("#", "order", "stability", "ρ", "first point", "itinerary");
            int i = 1;
            foreach (var c in result.Cycles)
            {
                objects.AddRow((i++).ToString(CultureInfo.InvariantCulture), c.Order.ToString(CultureInfo.InvariantCulture), Style(c.Stability),
                    c.SpectralRadius.ToString("G6", CultureInfo.InvariantCulture),
                    Markup.Escape("(" + string.Join(", ", c.Points[0].Select(x => x.ToString("G7", CultureInfo.InvariantCulture))) + ")"),
                    Markup.Escape(ItineraryText(model, c.Itinerary)));
            }
            console.Write(objects);
        }
        if (result.Degenerate.Count > 0)
        {
            console.MarkupLine($"[yellow]{result.Degenerate.Count} degenerate itinerar{(result.Degenerate.Count == 1 ? "y" : "ies")}[/] (singular cycle equation: a multiplier at +1):");
            foreach (var d in result.Degenerate)
                console.MarkupLine($"  order {d.Order}: {Markup.Escape(ItineraryText(model, d.Itinerary))} ({d.Kind})");
        }
    }

    private static string N(List<Cycle> of, Stability s) => of.Count(c => c.Stability == s).ToString(CultureInfo.InvariantCulture);

    private static string Style(Stability s) => s switch
    {
        Stability.Stable => "[green]stable[/]",
        Stability.Saddle => "[yellow]saddle[/]",
        Stability.Unstable => "[red]unstable[/]",
        _ => "[magenta]non-hyperbolic[/]",
    };

    internal static string ItineraryText(ReluModel model, Itinerary it)
    {
        int shown = Math.Min(it.Order, MaxItineraryShown);
        var parts = Enumerable.Range(0, shown).Select(j => model.PatternString(it.Pattern(j)));
        return string.Join(" ", parts) + (it.Order > shown ? $" … ({it.Order})" : "");
    }

    private static string OrdersText(IReadOnlyList<int> orders)
    {
        bool contiguous = orders.Count > 2 && orders[^1] - orders[0] == orders.Count - 1;
        return contiguous ? $"{orders[0]}..{orders[^1]}" : string.Join(",", orders);
    }
}

/// <summary>Spectre consoles bound to a given writer (stdout, a file, a test's StringWriter).</summary>
internal static class Consoles
{
    /// <summary>The process's stdout when it is a terminal (set by the entry point), else null.</summary>
    public static TextWriter? TerminalOutput { get; set; }

    public static IAnsiConsole For(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, TerminalOutput);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 200;
        return console;
    }
}
