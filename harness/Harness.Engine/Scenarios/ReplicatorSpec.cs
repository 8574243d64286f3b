namespace Harness.Engine.Scenarios;

/// <summary>The replicator under test (<c>replicator</c>).</summary>
public sealed record ReplicatorSpec
{
    /// <summary>The grace period when the scenario does not give one.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    /// <summary>The driver's name (<c>builtin</c> by default, <c>command</c>, or a registered one).</summary>
    public required string Kind { get; init; }

    /// <summary>What the driver read from the keys of its kind.</summary>
    public required IReplicatorSettings Settings { get; init; }

    /// <summary>What the replicator can do; validation asks this, never the kind's name.</summary>
    public ReplicatorCapabilities Capabilities => Settings.Capabilities;

    /// <summary>How target topics are named; <see cref="ReplicationPolicyKind.Default"/> by default.</summary>
    public ReplicationPolicyKind Policy { get; init; } = ReplicationPolicyKind.Default;

    /// <summary>The source cluster's alias; <c>source</c> by default.</summary>
    public string SourceAlias { get; init; } = "source";

    /// <summary>The target cluster's alias; <c>target</c> by default.</summary>
    public string TargetAlias { get; init; } = "target";

    /// <summary>Extra MirrorMaker 2 properties, written as given into the properties file.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a stop request may take before the process is killed; 10 s by default.</summary>
    public TimeSpan Grace { get; init; } = DefaultGrace;

    /// <summary>Whether <paramref name="property"/> is set to false in <see cref="Properties"/>.</summary>
    public bool Disabled(string property) =>
        Properties.TryGetValue(property, out var value) && value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name a source topic gets on the target under <see cref="Policy"/>.</summary>
    /// <param name="topic">The source topic name.</param>
    public string RemoteTopic(string topic) =>
        Policy == ReplicationPolicyKind.Identity ? topic : $"{SourceAlias}.{topic}";
}
