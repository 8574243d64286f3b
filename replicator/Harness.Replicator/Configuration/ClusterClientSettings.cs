namespace Harness.Replicator.Configuration;

/// <summary>
/// librdkafka properties for the clients of one cluster: <see cref="Common"/> goes to every client (security,
/// timeouts), the others to one kind of client only and win over <see cref="Common"/>.
/// </summary>
public sealed record ClusterClientSettings
{
    /// <summary>No overrides.</summary>
    public static ClusterClientSettings Empty { get; } = new();

    /// <summary>Properties for every client of the cluster (<c>&lt;alias&gt;.security.protocol</c> and the like).</summary>
    public IReadOnlyDictionary<string, string> Common { get; init; } = new Dictionary<string, string>();

    /// <summary>Consumer properties (<c>&lt;alias&gt;.consumer.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Consumer { get; init; } = new Dictionary<string, string>();

    /// <summary>Producer properties (<c>&lt;alias&gt;.producer.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Producer { get; init; } = new Dictionary<string, string>();

    /// <summary>Admin client properties (<c>&lt;alias&gt;.admin.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Admin { get; init; } = new Dictionary<string, string>();
}
