using Scyfi.Core.Cycles;
using Scyfi.Core.Regions;
using Scyfi.Core.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Scyfi.Core.Tests.Cycles;

/// <summary>
/// The heuristic is complete in practice: on 200 random small systems of every family
/// (M ≤ 4, orders up to 4, fixed seeds) it returns exactly the cycles the exhaustive search
/// returns — same counts, itineraries, points and stability.
/// </summary>
public class HeuristicVersusExhaustiveTests(ITestOutputHelper output)
{
    private const int SystemsPerFamily = 200;

    public static TheoryData<string> Families() => new(RandomModels.Families);

    [Theory]
    [MemberData(nameof(Families))]
    public void Heuristic_equals_exhaustive_on_random_systems(string family)
    {
        int withCycles = 0, objects = 0;
        for (int i = 0; i < SystemsPerFamily; i++)
        {
            var model = RandomModels.Create(family, i);
            var alphabet = RegionAlphabet.For(model);
            Assert.True(alphabet.IsExact, $"{family} #{i}: region pool not exact");
            int maxOrder = Necklaces.Estimate(alphabet.Size, 4) <= 2e5 ? 4 : 3;
            var orders = FinderOptions.UpTo(maxOrder);
            var truth = ExhaustiveFinder.Find(model, new FinderOptions { Orders = orders, Alphabet = alphabet, Threads = 1 });
            var found = ScyfiFinder.Find(model, new FinderOptions { Orders = orders, Alphabet = alphabet, Seed = (ulong)i + 1 });
            CycleMatching.AssertSameObjects(truth, found, $"{family} #{i} (M = {model.Dimension}, S = {model.SwitchingUnits})");
            if (truth.Cycles.Any(c => c.Order > 1)) withCycles++;
            objects += truth.Cycles.Count;
        }
        output.WriteLine($"{family}: {SystemsPerFamily} systems, {objects} objects, {withCycles} with cycles of order > 1");
        // The test is only meaningful if the random systems are rich: most must have some object
        // and a good share must have genuine cycles.
        Assert.True(objects >= SystemsPerFamily, $"{family}: only {objects} objects in {SystemsPerFamily} systems");
        Assert.True(withCycles >= SystemsPerFamily / 10, $"{family}: only {withCycles} systems with cycles");
    }
}
