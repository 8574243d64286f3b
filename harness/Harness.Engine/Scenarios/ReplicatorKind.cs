namespace Harness.Engine.Scenarios;

/// <summary>Which replicator the run drives (<c>replicator.kind</c>).</summary>
public enum ReplicatorKind
{
    /// <summary>The harness's own MirrorMaker 2-compatible replicator (<c>builtin</c>), the default.</summary>
    Builtin,

    /// <summary>Any other tool, started by a shell command (<c>command</c>) that reads the generated properties file.</summary>
    Command,
}
