using Harness.Replicator.Configuration;

namespace Harness.Replicator.Host;

/// <summary>The command line of harness-replicator, once <see cref="ReplicatorCommand"/> has parsed it.</summary>
internal sealed record HostOptions
{
    public string? ConfigFile { get; init; }

    public bool FromEnvironment { get; init; }

    public IReadOnlyList<(string Key, string Value)> Overrides { get; init; } = [];

    public string? Flow { get; init; }

    public string StateDirectory { get; init; } = "replicator-state";

    public string? MetricsFile { get; init; }

    public int MetricsPort { get; init; }

    public int ControlPort { get; init; }

    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(1);

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
