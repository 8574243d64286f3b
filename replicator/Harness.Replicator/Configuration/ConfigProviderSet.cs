using System.Text.RegularExpressions;

namespace Harness.Replicator.Configuration;

/// <summary>
/// The config providers one properties file declares (<c>config.providers</c> and each provider's class), as Kafka
/// resolves them: a value's <c>${provider:[path:]key}</c> references to a declared provider are replaced, others are
/// left as written. A Connect worker declares them once and resolves every connector's config with them.
/// Supported: Kafka's EnvVarConfigProvider (<c>${env:NAME}</c>), DirectoryConfigProvider (<c>${dir:/folder:file}</c>,
/// the file's content) and FileConfigProvider (<c>${file:/path.properties:key}</c>).
/// </summary>
public sealed partial class ConfigProviderSet
{
    /// <summary>The key that lists the providers.</summary>
    public const string Declaration = "config.providers";

    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        ["org.apache.kafka.common.config.provider.EnvVarConfigProvider"] = "env",
        ["org.apache.kafka.common.config.provider.DirectoryConfigProvider"] = "dir",
        ["org.apache.kafka.common.config.provider.FileConfigProvider"] = "file",
    };

    private readonly IReadOnlyDictionary<string, string> _providers;

    private ConfigProviderSet(IReadOnlyDictionary<string, string> providers) => _providers = providers;

    /// <summary>No providers: every value stays as written.</summary>
    public static ConfigProviderSet None { get; } = new(new Dictionary<string, string>());

    /// <summary>Whether any provider is declared.</summary>
    public bool Any => _providers.Count > 0;

    /// <summary>Whether <paramref name="key"/> declares or configures a provider.</summary>
    public static bool IsDeclarationKey(string key) => key == Declaration || key.StartsWith(Declaration + ".", StringComparison.Ordinal);

    /// <summary>The providers <paramref name="properties"/> declare.</summary>
    /// <exception cref="ReplicatorConfigException">A provider without a class, or with one that is not supported.</exception>
    public static ConfigProviderSet Declared(IReadOnlyDictionary<string, (string Value, int Line)> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (!properties.TryGetValue(Declaration, out var declared))
        {
            return None;
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

        return new ConfigProviderSet(providers);
    }

    /// <summary>
    /// <paramref name="value"/> with every reference to a declared provider replaced; each value put in is added to
    /// <paramref name="secrets"/>, so that messages can be kept free of them.
    /// </summary>
    /// <param name="value">The value as written.</param>
    /// <param name="where">What the value is, for errors, such as "line 4: source.sasl.jaas.config".</param>
    /// <param name="secrets">Receives every value a reference was replaced with; may be null.</param>
    /// <exception cref="ReplicatorConfigException">An unset variable, an unreadable file or a missing key; named, never a value.</exception>
    public string Resolve(string value, string where, ICollection<string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _providers.Count == 0 ? value : Reference().Replace(value, match =>
        {
            if (Lookup(match, where) is not { } resolved)
            {
                return match.Value; // Kafka leaves a reference to an undeclared provider as it is.
            }

            if (resolved.Length > 0)
            {
                secrets?.Add(resolved);
            }

            return resolved;
        });
    }

    /// <summary>The properties with every reference resolved, the declarations left out.</summary>
    /// <exception cref="ReplicatorConfigException">As <see cref="Resolve(string, string, ICollection{string})"/>.</exception>
    public IReadOnlyDictionary<string, (string Value, int Line)> ResolveAll(IReadOnlyDictionary<string, (string Value, int Line)> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var resolved = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var (key, (value, line)) in properties)
        {
            if (!IsDeclarationKey(key))
            {
                resolved[key] = (Resolve(value, $"line {line}: {key}"), line);
            }
        }

        return resolved;
    }

    private string? Lookup(Match match, string where)
    {
        var provider = match.Groups["provider"].Value;
        if (!_providers.TryGetValue(provider, out var kind))
        {
            return null;
        }

        var path = match.Groups["path"].Success ? match.Groups["path"].Value : null;
        var name = match.Groups["key"].Value;
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
