namespace Scyfi.EndToEnd.Tests;

/// <summary>
/// Every end-to-end test joins this collection, so they run one after another: each starts several
/// .NET processes, and two such tests side by side on a 2-core machine slow each other down more
/// than they gain.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
