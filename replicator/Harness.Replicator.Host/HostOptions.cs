using Harness.Replicator.Configuration;

namespace Harness.Replicator.Host;

/// <summary>The command line of harness-replicator.</summary>
internal sealed record HostOptions
{
    public const string Usage = """
        Usage: harness-replicator (--config mm2.properties | --from-env) [options]
          --config FILE        MM2-style properties (clusters, <alias>.bootstrap.servers, <src>-><tgt>.enabled, topics, ...)
          --from-env           build the flow from HARNESS_SOURCE_BOOTSTRAP, HARNESS_TARGET_BOOTSTRAP, HARNESS_TOPICS,
                               HARNESS_SOURCE_ALIAS, HARNESS_TARGET_ALIAS and HARNESS_POLICY (the harness `command` contract)
          --set KEY=VALUE      add or override one property (repeatable)
          --flow SRC->TGT      the flow to run when several are enabled
          --state-dir DIR      where durable progress is kept (default ./replicator-state)
          --metrics-file FILE  append one JSON line of metrics per interval (see --metrics-interval-ms)
          --metrics-interval-ms N  metrics sampling interval (default 1000)
          --metrics-port N     serve Prometheus metrics on http://127.0.0.1:N/metrics (default 0 = off)
          --control-port N     control endpoint on 127.0.0.1:N (default 0 = a free port); the port is written to
                               <state-dir>/control.port. GET /status, POST /pause, POST /resume, POST /ballast?mib=N
        Exit codes: 0 stopped cleanly (SIGTERM/SIGINT flush, write offset syncs and save progress), 1 replication
        failed, 2 bad configuration, 3 a cluster could not be reached.
        """;

    public string? ConfigFile { get; init; }

    public bool FromEnvironment { get; init; }

    public List<(string Key, string Value)> Overrides { get; } = [];

    public string? Flow { get; init; }

    public string StateDirectory { get; init; } = "replicator-state";

    public string? MetricsFile { get; init; }

    public bool Help { get; init; }

    public int MetricsPort { get; init; }

    public int ControlPort { get; init; }

    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static HostOptions Parse(string[] args)
    {
        var options = new HostOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ReplicatorConfigException($"{args[i]} needs a value; see --help");
            switch (args[i])
            {
                case "--config": options = options with { ConfigFile = Next() }; break;
                case "--from-env": options = options with { FromEnvironment = true }; break;
                case "--flow": options = options with { Flow = Next() }; break;
                case "--state-dir": options = options with { StateDirectory = Next() }; break;
                case "--metrics-file": options = options with { MetricsFile = Next() }; break;
                case "--metrics-port": options = options with { MetricsPort = Port(args[i], Next()) }; break;
                case "--control-port": options = options with { ControlPort = Port(args[i], Next()) }; break;
                case "--metrics-interval-ms": options = options with { MetricsInterval = TimeSpan.FromMilliseconds(Milliseconds(args[i], Next())) }; break;
                case "--set":
                    var pair = Next();
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ReplicatorConfigException($"--set {pair}: expected KEY=VALUE");
                    }

                    options.Overrides.Add((pair[..equals].Trim(), pair[(equals + 1)..].Trim()));
                    break;
                case "--help" or "-h": options = options with { Help = true }; break;
                default: throw new ReplicatorConfigException($"unknown argument '{args[i]}'; see --help");
            }
        }

        if (!options.Help && (options.ConfigFile is null) == !options.FromEnvironment)
        {
            throw new ReplicatorConfigException("give exactly one of --config FILE or --from-env; see --help");
        }

        return options;
    }

    private static int Port(string option, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port
            : throw new ReplicatorConfigException($"{option} {value}: expected a port number 0-65535");

    private static int Milliseconds(string option, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 10 ? ms
            : throw new ReplicatorConfigException($"{option} {value}: expected milliseconds, at least 10");

    public IReadOnlyDictionary<string, (string Value, int Line)> LoadProperties()
    {
        var properties = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        if (ConfigFile is not null)
        {
            if (!File.Exists(ConfigFile))
            {
                throw new ReplicatorConfigException($"config file '{ConfigFile}' does not exist");
            }

            foreach (var (key, value) in JavaProperties.Parse(File.ReadAllText(ConfigFile)))
            {
                properties[key] = value;
            }
        }
        else
        {
            string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
                : throw new ReplicatorConfigException($"--from-env needs the environment variable {name}");
            var source = Environment.GetEnvironmentVariable("HARNESS_SOURCE_ALIAS") is { Length: > 0 } s ? s : "source";
            var target = Environment.GetEnvironmentVariable("HARNESS_TARGET_ALIAS") is { Length: > 0 } t ? t : "target";
            properties["clusters"] = ($"{source}, {target}", 0);
            properties[$"{source}.bootstrap.servers"] = (Env("HARNESS_SOURCE_BOOTSTRAP"), 0);
            properties[$"{target}.bootstrap.servers"] = (Env("HARNESS_TARGET_BOOTSTRAP"), 0);
            properties[$"{source}->{target}.enabled"] = ("true", 0);
            properties["topics"] = (string.Join(',', Env("HARNESS_TOPICS").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(System.Text.RegularExpressions.Regex.Escape)), 0);
            properties["replication.policy.class"] = (Environment.GetEnvironmentVariable("HARNESS_POLICY") is { Length: > 0 } p ? p : "default", 0);
        }

        foreach (var (key, value) in Overrides)
        {
            properties[key] = (value, 0);
        }

        return properties;
    }
}
