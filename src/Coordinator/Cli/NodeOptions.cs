using System.CommandLine;
using System.Text.Json;
using Scyfi.AnalysisNode;
using Scyfi.Coordinator.Store;
using Scyfi.Core;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// Options shared by the commands that start a cluster member: where the store is, which seeds
/// to join, which address to bind. A JSON config file (<c>--config</c>) can hold the same fields:
/// <c>{"store":"postgres://…","seeds":["akka.tcp://scyfi@10.0.0.1:4053"],"host":"0.0.0.0","publicHost":"10.0.0.2","port":4053,"akkaConfig":"tls.conf"}</c>;
/// command-line options win over it.
/// </summary>
internal sealed class NodeOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "JSON file with store, seeds, host, publicHost, port" };
    public Option<string?> Store { get; } = new("--store") { Description = "Store: an SQLite file or postgres://user:pass@host:port/db (default: the config file's, else $SCYFI_STORE, else ./.scyfi/scyfi.db)" };
    public Option<string[]> Seed { get; } = new("--seed", "--cluster") { Description = "Seed node(s) to join, e.g. akka.tcp://scyfi@127.0.0.1:4053", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Host { get; } = new("--host") { Description = "Address to bind (default 127.0.0.1)" };
    public Option<string?> PublicHost { get; } = new("--public-host") { Description = "Address other members use to reach this one" };
    public Option<int?> Port { get; } = new("--port") { Description = "Port to bind (default: any free port)" };
    public Option<string?> AkkaConfig { get; } = new("--akka-config") { Description = "HOCON file appended to the Akka.NET configuration (e.g. TLS for remoting; see docs/operations.md)" };

    public void AddTo(Command c)
    {
        c.Options.Add(Config);
        c.Options.Add(Store);
        c.Options.Add(Seed);
        c.Options.Add(Host);
        c.Options.Add(PublicHost);
        c.Options.Add(Port);
        c.Options.Add(AkkaConfig);
    }

    /// <summary>The store named on the command line or in the config file.</summary>
    public StoreLocation ResolveStore(ParseResult p) => StoreLocation.Parse(p.GetValue(Store) ?? ReadConfig(p)?.Store);

    /// <summary>Seeds from the command line or the config file.</summary>
    public string[] ResolveSeeds(ParseResult p)
    {
        var seeds = p.GetValue(Seed) is { Length: > 0 } s ? s : ReadConfig(p)?.Seeds ?? [];
        foreach (var seed in seeds)
            // akka.ssl.tcp:// when the members run TLS (--akka-config with enable-ssl).
            if (!(seed.StartsWith("akka.tcp://", StringComparison.Ordinal) || seed.StartsWith("akka.ssl.tcp://", StringComparison.Ordinal))
                || !Uri.TryCreate(seed, UriKind.Absolute, out var u) || u.Port <= 0)
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
            ExtraHocon = ReadAkkaConfig(p.GetValue(AkkaConfig) ?? file?.AkkaConfig),
        };
    }

    /// <summary>The HOCON of --akka-config, checked for syntax here so a typo is a one-line error, not a failed start.</summary>
    private static string ReadAkkaConfig(string? path)
    {
        if (path is null) return "";
        if (!File.Exists(path)) throw new ScyfiInputException($"--akka-config file '{path}' not found");
        string text = File.ReadAllText(path);
        Akka.Configuration.Config config;
        try
        {
            config = Akka.Configuration.ConfigurationFactory.ParseString(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ScyfiInputException($"--akka-config file '{path}' is not valid HOCON: {ScyfiInputException.FirstLine(e.Message)}");
        }
        if (HoconBrackets.Problem(text) is { } brackets)
            throw new ScyfiInputException($"--akka-config file '{path}' is not valid HOCON: {brackets}");
        // Sharding's coordinator-singleton is the config path of a block with the singleton's
        // settings (a string), not the block itself: a key under it makes Akka.Hosting fail at start.
        const string coordinatorSingleton = "akka.cluster.sharding.coordinator-singleton";
        if (config.HasPath(coordinatorSingleton) && !config.GetValue(coordinatorSingleton).IsString())
            throw new ScyfiInputException($"--akka-config file '{path}': {coordinatorSingleton} is the path of a settings block (a string such as \"akka.cluster.singleton\"), not the block itself");
        // TLS for remoting is the reason this option exists: a missing certificate would otherwise
        // surface as a failed start deep inside Akka.Remote.
        const string tcp = "akka.remote.dot-netty.tcp";
        if (config.GetBoolean($"{tcp}.enable-ssl", false))
        {
            string? cert = config.GetString($"{tcp}.ssl.certificate.path", null);
            bool useThumbprint = config.GetBoolean($"{tcp}.ssl.certificate.use-thumbprint-over-file", false);
            if (!useThumbprint && string.IsNullOrEmpty(cert))
                throw new ScyfiInputException($"--akka-config file '{path}': enable-ssl = true needs {tcp}.ssl.certificate.path");
            if (!useThumbprint && !File.Exists(cert))
                throw new ScyfiInputException($"--akka-config file '{path}': certificate '{cert}' not found");
        }
        return text;
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
            throw new ScyfiInputException($"config file '{path}' is not valid: {ScyfiInputException.FirstLine(e.Message)}");
        }
        return _config;
    }

    private sealed record NodeConfigFile(string? Store, string[]? Seeds, string? Host, string? PublicHost, int? Port, string? Dashboard, string? AkkaConfig);
}
