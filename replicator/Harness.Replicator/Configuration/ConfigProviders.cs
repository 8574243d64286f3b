using System.Text.RegularExpressions;

namespace Harness.Replicator.Configuration;

/// <summary>
/// Kafka's config providers, as MirrorMaker 2 and Connect resolve them: a file declares <c>config.providers</c> and
/// each provider's class, and values name <c>${provider:[path:]key}</c>. Secrets then live in the environment or in
/// files of their own, never in the properties. Supported: Kafka's EnvVarConfigProvider (<c>${env:NAME}</c>),
/// DirectoryConfigProvider (<c>${dir:/folder:file}</c>, the file's content) and FileConfigProvider
/// (<c>${file:/path.properties:key}</c>).
/// </summary>
internal static partial class ConfigProviders
{
    private const string Declaration = "config.providers";

    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        ["org.apache.kafka.common.config.provider.EnvVarConfigProvider"] = "env",
        ["org.apache.kafka.common.config.provider.DirectoryConfigProvider"] = "dir",
        ["org.apache.kafka.common.config.provider.FileConfigProvider"] = "file",
    };

    /// <summary>The properties with every reference to a declared provider replaced, the declarations left out.</summary>
    /// <exception cref="ReplicatorConfigException">An unsupported provider class, an unset variable or an unreadable file; named, never a value.</exception>
    public static IReadOnlyDictionary<string, (string Value, int Line)> Resolve(IReadOnlyDictionary<string, (string Value, int Line)> properties)
    {
        if (!properties.TryGetValue(Declaration, out var declared))
        {
            return properties;
        }

        var providers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in declared.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var classKey = $"{Declaration}.{name}.class";
            if (!properties.TryGetValue(classKey, out var type) || !Classes.TryGetValue(type.Value.Trim(), out var kind))
            {
                throw new ReplicatorConfigException(
                    $"line {declared.Line}: config provider '{name}' needs {classKey} set to one of {string.Join(", ", Classes.Keys)}");
            }

            providers[name] = kind;
        }

        var resolved = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var (key, (value, line)) in properties)
        {
            if (key == Declaration || key.StartsWith(Declaration + ".", StringComparison.Ordinal))
            {
                continue;
            }

            resolved[key] = (Reference().Replace(value, match => Lookup(match, providers, key, line)), line);
        }

        return resolved;
    }

    private static string Lookup(Match match, Dictionary<string, string> providers, string key, int line)
    {
        var provider = match.Groups["provider"].Value;
        if (!providers.TryGetValue(provider, out var kind))
        {
            return match.Value; // Kafka leaves a reference to an undeclared provider as it is.
        }

        var path = match.Groups["path"].Success ? match.Groups["path"].Value : null;
        var name = match.Groups["key"].Value;
        var where = $"line {line}: {key}";
        try
        {
            return kind switch
            {
                "env" => Environment.GetEnvironmentVariable(name) is { } value
                    ? value
                    : throw new ReplicatorConfigException($"{where}: environment variable {name} is not set"),
                "dir" => File.ReadAllText(Path.Combine(path ?? throw new ReplicatorConfigException($"{where}: ${{{provider}:...}} needs a folder: ${{{provider}:/folder:file}}"), name)),
                _ => FileValue(path ?? throw new ReplicatorConfigException($"{where}: ${{{provider}:...}} needs a file: ${{{provider}:/path.properties:key}}"), name, where),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReplicatorConfigException($"{where}: cannot read {(kind == "dir" ? Path.Combine(path!, name) : path)} ({e.GetType().Name})");
        }
    }

    private static string FileValue(string path, string name, string where) =>
        JavaProperties.Parse(File.ReadAllText(path)).TryGetValue(name, out var entry)
            ? entry.Value
            : throw new ReplicatorConfigException($"{where}: {path} has no key {name}");

    [GeneratedRegex(@"\$\{(?<provider>[^}:]+):(?:(?<path>[^}]*):)?(?<key>[^}:]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
