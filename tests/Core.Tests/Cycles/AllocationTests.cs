using Scyfi.Core.Cycles;
using Scyfi.Core.Randomness;
using Scyfi.Core.Regions;
using Scyfi.Core.Tests.Support;
using Xunit;

namespace Scyfi.Core.Tests.Cycles;

/// <summary>Evaluating a candidate allocates nothing once the evaluator's buffers exist.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData("gt16", 16)]
    [InlineData("plrnn10d_k10", 10)]
    [InlineData("shplrnn_m2_h10_fp", 7)]
    [InlineData("alrnn_8cycle", 53)]
    public void Candidate_evaluation_allocates_zero_bytes(string name, int k)
    {
        var model = TestData.Model(name);
        var alphabet = RegionAlphabet.For(model);
        var ev = new CandidateEvaluator(model.Form);
        ev.EnsureCapacity(k);
        var rng = new Xoshiro256(3);
        var itinerary = new ulong[k * alphabet.Words];
        for (int j = 0; j < k; j++) alphabet.Random(ref rng, itinerary.AsSpan(j * alphabet.Words, alphabet.Words));
        ev.Evaluate(itinerary, k);   // warm-up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < 2000; n++)
        {
            var outcome = ev.Evaluate(itinerary, k);
            if (outcome == CandidateOutcome.Virtual) ev.Visited(k).CopyTo(itinerary);
            else for (int j = 0; j < k; j++) alphabet.Random(ref rng, itinerary.AsSpan(j * alphabet.Words, alphabet.Words));
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}

/// <summary>
/// An outer iteration of the heuristic that meets only cycles known before it allocates nothing:
/// a sweep runs millions of them, and boxed enumerators, outcome objects and empty lists per
/// iteration were once more than half of everything a sweep allocated.
/// </summary>
public class IterationAllocationTests
{
    [Theory]
    [InlineData("gt16", 1)]
    [InlineData("shplrnn_m2_h10_fp", 1)]
    [InlineData("plrnn10d_k10", 1)]
    public void An_iteration_meeting_only_known_cycles_allocates_nothing(string name, int k)
    {
        var model = TestData.Model(name);
        var alphabet = RegionAlphabet.For(model);
        var iteration = new HeuristicIteration(new CandidateEvaluator(model.Form), alphabet);
        var first = iteration.Run(k, 50, 7, 0, [], CancellationToken.None);
        Assert.NotEmpty(first.Finds.ToArray());
        Assert.Empty(first.Singular.ToArray());
        var known = first.Finds.ToArray().Select(c => c.Itinerary).ToList();
        iteration.Run(k, 50, 7, 0, known, CancellationToken.None);   // warm-up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        var again = iteration.Run(k, 50, 7, 0, known, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, again.Finds.Length);
        Assert.Equal(0, allocated);
    }
}
