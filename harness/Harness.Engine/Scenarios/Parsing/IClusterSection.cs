namespace Harness.Engine.Scenarios.Parsing;

/// <summary>How one cluster backend reads its section of <c>clusters.source</c> or <c>clusters.target</c>.</summary>
public interface IClusterSection
{
    /// <summary>The value of <c>kind</c> that selects this backend, such as <c>embedded</c>.</summary>
    string Kind { get; }

    /// <summary>The keys this backend reads besides <c>kind</c>; any other backend's key is an error under this kind.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// The settings of a cluster the scenario does not describe at all, or <see langword="null"/> when this kind needs
    /// settings (an external cluster's bootstrap servers) and so cannot be the default kind.
    /// </summary>
    IClusterSettings? Default { get; }

    /// <summary>
    /// Reads the settings from <paramref name="section"/>, reporting each problem through its context (with the fix);
    /// <see langword="null"/> when a problem was reported.
    /// </summary>
    IClusterSettings? Read(MappingReader section);
}
