namespace Harness.Engine.Scenarios.Parsing;

/// <summary>How one replicator driver reads the keys of <c>replicator</c> that belong to its kind.</summary>
public interface IReplicatorSection
{
    /// <summary>The value of <c>kind</c> that selects this driver, such as <c>builtin</c>.</summary>
    string Kind { get; }

    /// <summary>The keys this driver reads besides the common ones (kind, policy, aliases, properties, grace).</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// Reads the settings from <paramref name="section"/>, reporting each problem through its context (with the fix);
    /// <see langword="null"/> when a problem was reported.
    /// </summary>
    IReplicatorSettings? Read(MappingReader section);
}
