using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Dashboard;
using Scyfi.Coordinator.Store;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// One running Scyfi cluster member (a generic host with Akka.Hosting): embedded (both roles,
/// founding its own cluster), a coordinator, a worker or a client that only talks to the
/// coordinator. The same wiring serves every mode, so the embedded sweep runs the code path of a
/// real cluster.
/// </summary>
public sealed class ScyfiNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ScyfiNode(IHost host, ScyfiNodeSettings settings)
    {
        _host = host;
        Settings = settings;
    }

    /// <summary>The settings it started with.</summary>
    public ScyfiNodeSettings Settings { get; }
    /// <summary>Its actor system.</summary>
    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();
    /// <summary>Its actor registry.</summary>
    public IActorRegistry Registry => _host.Services.GetRequiredService<IActorRegistry>();
    /// <summary>The coordinator (a singleton proxy).</summary>
    public IActorRef Coordinator => Registry.Get<SweepCoordinatorKey>();
    /// <summary>Services of the host (for the dashboard).</summary>
    public IServiceProvider Services => _host.Services;
    /// <summary>Where the dashboard listens (the real port when 0 was asked for), or null without a dashboard.</summary>
    public Uri? DashboardUrl => DashboardHost.ListeningUrl(_host.Services);

    /// <summary>Starts a member and waits until it is Up in the cluster.</summary>
    /// <remarks>With <paramref name="dashboard"/>, the same host also serves the dashboard, health and metrics (Kestrel).</remarks>
    public static async Task<ScyfiNode> StartAsync(ScyfiNodeSettings settings, SweepStore store, ILoggerFactory? loggers = null,
        Action<IServiceCollection>? extraServices = null, TimeSpan? joinTimeout = null, CancellationToken ct = default,
        DashboardSettings? dashboard = null)
    {
        var builder = new HostBuilder()
            .ConfigureLogging(l =>
            {
                l.ClearProviders();
                if (loggers is not null) l.Services.AddSingleton(loggers);
            })
            .ConfigureServices(services =>
            {
                services.AddAkka(settings.SystemName, (b, _) =>
                {
                    b.ConfigureLoggers(c =>
                    {
                        c.ClearLoggers();
                        c.AddLoggerFactory();
                    });
                    b.WithScyfiCluster(settings).AddAnalysisNode(settings, store).AddSweepCoordinator(settings, store);
                    if (dashboard is not null) b.WithScyfiDashboard(settings, dashboard);
                });
                extraServices?.Invoke(services);
            });
        if (dashboard is not null) builder.AddScyfiDashboard(dashboard, store);
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (UserStartFailure(e, settings, dashboard) is { } message)
        {
            await new ScyfiNode(host, settings).DisposeAsync().ConfigureAwait(false);
            throw new Core.ScyfiInputException(message);
        }
        var node = new ScyfiNode(host, settings);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(node.System).RegisterOnMemberUp(() => up.TrySetResult());
        var timeout = joinTimeout ?? TimeSpan.FromSeconds(60);
        var finished = await Task.WhenAny(up.Task, Task.Delay(timeout, ct)).ConfigureAwait(false);
        if (finished != up.Task)
        {
            await node.DisposeAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw new Core.ScyfiInputException($"could not join the cluster within {timeout.TotalSeconds:F0} s (seeds: {(settings.Seeds.Count == 0 ? "none" : string.Join(", ", settings.Seeds))})");
        }
        return node;
    }

    /// <summary>
    /// The one-line message when a failed start is the user's to fix, else null (an internal error).
    /// </summary>
    private static string? UserStartFailure(Exception e, ScyfiNodeSettings settings, DashboardSettings? dashboard)
    {
        // Akka.NET builds its extensions by reflection: a bad setting (an unreadable
        // akka.scheduler.tick-duration, say) arrives wrapped, and only the innermost message names it.
        while (e is global::System.Reflection.TargetInvocationException or TypeInitializationException or AggregateException && e.InnerException is { } inner) e = inner;
        string first = Core.ScyfiInputException.FirstLine(e.Message).TrimEnd('.');
        // Kestrel could not bind (address in use, or not an address of this machine).
        if (e is IOException && dashboard is not null) return $"--dashboard {dashboard.Url}: {first}";
        // Scyfi's own configuration starts; with the user's HOCON added (--akka-config) it did
        // not, so that HOCON is the thing to look at (Akka.NET's own message rarely says so).
        if (settings.ExtraHocon.Length > 0 && e is not OperationCanceledException)
            return $"the cluster member did not start with the settings of --akka-config ({e.GetType().Name}: {first})";
        return null;
    }

    /// <summary>Leaves the cluster and stops (graceful: hands the singleton and shards over).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        _host.Dispose();
    }
}
