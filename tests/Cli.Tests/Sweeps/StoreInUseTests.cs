using Scyfi.Coordinator.Store;

namespace Scyfi.Cli.Tests.Sweeps;

/// <summary>
/// One process at a time coordinates sweeps on a SQLite store: a second <c>scyfi sweep</c> (or
/// <c>resume</c>, <c>coordinator</c>) on a store in use is a one-line error, not a second writer of
/// the coordinator's journal.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class StoreInUseTests
{
    [Fact]
    public void A_sweep_on_a_store_another_process_coordinates_is_refused_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        dir.Write("tent.json", TentSweep.Model);
        string spec = dir.Write("spec.json", TentSweep.Spec());
        string storeFile = Path.Combine(dir.Path, "store.db");
        string first = Path.Combine(dir.Path, "first"), second = Path.Combine(dir.Path, "second");
        var done = CliRunner.Run("sweep", spec, "--out", first, "--store", storeFile, "--id", "done");
        Assert.True(done.ExitCode == 0, done.ToString());

        // What a running `scyfi sweep` holds on its store (flock: the same between processes as
        // between two descriptors of one process).
        var location = StoreLocation.Parse(storeFile);
        using (CoordinatorLock.Acquire(location, embedded: true))
        {
            BadInput.AssertRejected(CliRunner.Run("sweep", spec, "--out", second, "--store", storeFile, "--id", "other"), "is in use");
            BadInput.AssertRejected(CliRunner.Run("resume", "done", "--out", second, "--store", storeFile), "is in use");
            BadInput.AssertRejected(CliRunner.Run("coordinator", "--store", storeFile), "is in use");
            Assert.False(Directory.Exists(second));
            Assert.Equal(["done"], new SweepStore(location).ListSweeps().Select(s => s.Id));
            // Reading the store is not coordinating it.
            var status = CliRunner.Run("status", "--store", storeFile, "--json");
            Assert.True(status.ExitCode == 0, status.ToString());
        }

        var after = CliRunner.Run("sweep", spec, "--out", second, "--store", storeFile, "--id", "other");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(first, "points.csv")), File.ReadAllText(Path.Combine(second, "points.csv")));
    }
}
