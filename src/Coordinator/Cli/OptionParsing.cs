using System.Globalization;
using Scyfi.Core;

namespace Scyfi.Coordinator.Cli;

/// <summary>Parsing of option values that System.CommandLine cannot type for us.</summary>
internal static class OptionParsing
{
    /// <summary>Parses "1,2,7" (also "1-5,8") into ascending distinct orders.</summary>
    public static int[] Orders(string text)
    {
        var result = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-', 1);
            if (dash > 0)
            {
                int a = Order(part[..dash], text), b = Order(part[(dash + 1)..], text);
                if (b < a) throw new ScyfiInputException($"--orders: range '{part}' is empty");
                if (b - a > 100_000) throw new ScyfiInputException($"--orders: range '{part}' is too large");
                for (int k = a; k <= b; k++) result.Add(k);
            }
            else result.Add(Order(part, text));
        }
        if (result.Count == 0) throw new ScyfiInputException("--orders: no orders given");
        return result.ToArray();
    }

    private static int Order(string s, string whole)
    {
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k))
            throw new ScyfiInputException($"--orders: '{s}' in '{whole}' is not a whole number");
        if (k < 1) throw new ScyfiInputException($"--orders: order {k} is invalid, orders start at 1");
        return k;
    }
}
