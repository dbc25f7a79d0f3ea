using System.CommandLine;
using System.Text.Json;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;
using Scyfi.Core;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Options shared by the commands that start a cluster member: where the store is, which seeds
/// to join, which address to bind. A JSON config file (<c>--config</c>) can hold the same fields:
/// <c>{"store":"postgres://…","seeds":["akka.tcp://scyfi@10.0.0.1:4053"],"host":"0.0.0.0","publicHost":"10.0.0.2","port":4053}</c>;
/// command-line options win over it.
/// </summary>
internal sealed class NodeOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "JSON file with store, seeds, host, publicHost, port" };
    public Option<string?> Store { get; } = new("--store") { Description = "Store: an SQLite file (default ./.scyfi/scyfi.db) or postgres://user:pass@host:port/db" };
    public Option<string[]> Seed { get; } = new("--seed", "--cluster") { Description = "Seed node(s) to join, e.g. akka.tcp://scyfi@127.0.0.1:4053", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Host { get; } = new("--host") { Description = "Address to bind (default 127.0.0.1)" };
    public Option<string?> PublicHost { get; } = new("--public-host") { Description = "Address other members use to reach this one" };
    public Option<int?> Port { get; } = new("--port") { Description = "Port to bind (default: any free port)" };

    public void AddTo(Command c)
    {
        c.Options.Add(Config);
        c.Options.Add(Store);
        c.Options.Add(Seed);
        c.Options.Add(Host);
        c.Options.Add(PublicHost);
        c.Options.Add(Port);
    }

    /// <summary>The store named on the command line or in the config file.</summary>
    public StoreLocation ResolveStore(ParseResult p) => StoreLocation.Parse(p.GetValue(Store) ?? ReadConfig(p)?.Store);

    /// <summary>Seeds from the command line or the config file.</summary>
    public string[] ResolveSeeds(ParseResult p)
    {
        var seeds = p.GetValue(Seed) is { Length: > 0 } s ? s : ReadConfig(p)?.Seeds ?? [];
        foreach (var seed in seeds)
            if (!seed.StartsWith("akka.tcp://", StringComparison.Ordinal) || !Uri.TryCreate(seed, UriKind.Absolute, out var u) || u.Port <= 0)
                throw new ScyfiInputException($"seed '{seed}' is not an address like akka.tcp://scyfi@127.0.0.1:4053");
        return seeds;
    }

    /// <summary>The dashboard address of the config file (<c>"dashboard": "http://127.0.0.1:8080"</c>), or null.</summary>
    public string? ConfigDashboard(ParseResult p) => ReadConfig(p)?.Dashboard;

    /// <summary>Node settings for the given roles.</summary>
    public ScyfiNodeSettings Settings(ParseResult p, StoreLocation store, string[] roles, string[] seeds)
    {
        var file = ReadConfig(p);
        int port = p.GetValue(Port) ?? file?.Port ?? 0;
        if (port is < 0 or > 65535) throw new ScyfiInputException($"--port {port} is not a port number");
        return new ScyfiNodeSettings
        {
            Hostname = p.GetValue(Host) ?? file?.Host ?? "127.0.0.1",
            PublicHostname = p.GetValue(PublicHost) ?? file?.PublicHost,
            Port = port,
            Seeds = seeds,
            Roles = roles,
            JournalConnectionString = store.ConnectionString,
            JournalProvider = store.AkkaProviderName,
        };
    }

    private NodeConfigFile? _config;
    private bool _configRead;

    private NodeConfigFile? ReadConfig(ParseResult p)
    {
        if (_configRead) return _config;
        _configRead = true;
        string? path = p.GetValue(Config);
        if (path is null) return null;
        if (!File.Exists(path)) throw new ScyfiInputException($"config file '{path}' not found");
        try
        {
            _config = JsonSerializer.Deserialize<NodeConfigFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip })
                ?? throw new ScyfiInputException($"config file '{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new ScyfiInputException($"config file '{path}' is not valid: {e.Message.Split('\n')[0]}");
        }
        return _config;
    }

    private sealed record NodeConfigFile(string? Store, string[]? Seeds, string? Host, string? PublicHost, int? Port, string? Dashboard);
}
