namespace Harness.Replicator.Configuration;

/// <summary>
/// Kafka's config providers, as MirrorMaker 2 resolves them in its own file: the file declares <c>config.providers</c>
/// and each provider's class, and values name <c>${provider:[path:]key}</c>. Secrets then live in the environment or in
/// files of their own, never in the properties. See <see cref="ConfigProviderSet"/>.
/// </summary>
internal static class ConfigProviders
{
    /// <summary>The properties with every reference to a declared provider replaced, the declarations left out.</summary>
    /// <exception cref="ReplicatorConfigException">An unsupported provider class, an unset variable or an unreadable file; named, never a value.</exception>
    public static IReadOnlyDictionary<string, (string Value, int Line)> Resolve(IReadOnlyDictionary<string, (string Value, int Line)> properties) =>
        properties.ContainsKey(ConfigProviderSet.Declaration) ? ConfigProviderSet.Declared(properties).ResolveAll(properties) : properties;
}
