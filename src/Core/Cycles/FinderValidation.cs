namespace Scyfi.Core.Cycles;

/// <summary>Checks finder options and turns mistakes into one-line input errors.</summary>
internal static class FinderValidation
{
    /// <summary>Largest order accepted: beyond it products overflow and the search is meaningless.</summary>
    public const int MaxOrder = 10_000;

    /// <summary>More threads than this only adds scheduling overhead on any machine Scyfi runs on.</summary>
    public const int MaxThreads = 1024;

    public static void Check(FinderOptions o)
    {
        if (o.Orders.Count == 0) throw new ScyfiInputException("no orders to search");
        int prev = 0;
        foreach (int k in o.Orders)
        {
            if (k < 1) throw new ScyfiInputException($"order {k} is invalid: orders must be at least 1");
            if (k > MaxOrder) throw new ScyfiInputException($"order {k} is too large (at most {MaxOrder})");
            if (k <= prev) throw new ScyfiInputException("orders must be distinct and ascending");
            prev = k;
        }
        if (o.Outer is < 0) throw new ScyfiInputException("--outer must be at least 0");
        if (o.Inner is < 1) throw new ScyfiInputException("--inner must be at least 1");
        if (o.Threads is < 1 or > MaxThreads) throw new ScyfiInputException($"--threads must be between 1 and {MaxThreads} (got {o.Threads})");
    }
}
