namespace Scyfi.Dashboard.Tests;

/// <summary>
/// Every dashboard test joins this collection, so they run one after another and share one
/// embedded node: each sweep wants both cores of the test machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardNode>
{
    public const string Name = "dashboard";
}
