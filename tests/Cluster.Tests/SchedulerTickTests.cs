using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Cluster;
using Scyfi.Coordinator.Store;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// The scheduler tick a member runs with: Akka.NET's 10 ms unless the settings say otherwise
/// (the long-running members' 50 ms), and the user's --akka-config above both.
/// </summary>
public sealed class SchedulerTickTests
{
    [Theory]
    [InlineData(null, "", 10)]
    [InlineData(50, "", 50)]
    [InlineData(50, "akka.scheduler.tick-duration = 20ms", 20)]
    public async Task A_member_runs_with_the_tick_of_its_settings_unless_its_akka_config_says_otherwise(int? tickMs, string akkaConfig, int expectedMs)
    {
        using var dir = new TempDirectory();
        var store = new SweepStore(StoreLocation.Parse(dir.File("scyfi.db")));
        store.EnsureReady();
        var settings = new ScyfiNodeSettings
        {
            JournalConnectionString = store.Location.ConnectionString,
            JournalProvider = store.Location.AkkaProviderName,
            ExtraHocon = akkaConfig,
        };
        if (tickMs is { } ms) settings = settings with { SchedulerTick = TimeSpan.FromMilliseconds(ms) };
        await using (var node = await ScyfiNode.StartAsync(settings, store, joinTimeout: TimeSpan.FromSeconds(60)))
            Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), node.System.Settings.Config.GetTimeSpan("akka.scheduler.tick-duration"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
