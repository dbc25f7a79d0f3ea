namespace Scyfi.Cli.Tests;

/// <summary>
/// Every CLI test joins this collection: the CLI hooks the process-global Console.CancelKeyPress,
/// so no two runs may overlap, nor may they run beside other test collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "CLI";
}
