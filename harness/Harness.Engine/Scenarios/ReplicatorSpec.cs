namespace Harness.Engine.Scenarios;

/// <summary>The replicator under test (<c>replicator</c>).</summary>
public sealed record ReplicatorSpec
{
    /// <summary>The grace period when the scenario does not give one.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    /// <summary>The built-in replicator with MirrorMaker 2's default naming.</summary>
    public static ReplicatorSpec Default { get; } = new();

    /// <summary>Which replicator; <see cref="ReplicatorKind.Builtin"/> by default.</summary>
    public ReplicatorKind Kind { get; init; } = ReplicatorKind.Builtin;

    /// <summary>How target topics are named; <see cref="ReplicationPolicyKind.Default"/> by default.</summary>
    public ReplicationPolicyKind Policy { get; init; } = ReplicationPolicyKind.Default;

    /// <summary>The shell command that starts a <see cref="ReplicatorKind.Command"/> replicator; <see langword="null"/> otherwise.</summary>
    public string? Run { get; init; }

    /// <summary>The source cluster's alias; <c>source</c> by default.</summary>
    public string SourceAlias { get; init; } = "source";

    /// <summary>The target cluster's alias; <c>target</c> by default.</summary>
    public string TargetAlias { get; init; } = "target";

    /// <summary>Extra MirrorMaker 2 properties, written as given into the properties file.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a stop request may take before the process is killed; 10 s by default.</summary>
    public TimeSpan Grace { get; init; } = DefaultGrace;

    /// <summary>The name a source topic gets on the target under <see cref="Policy"/>.</summary>
    /// <param name="topic">The source topic name.</param>
    public string RemoteTopic(string topic) =>
        Policy == ReplicationPolicyKind.Identity ? topic : $"{SourceAlias}.{topic}";
}
