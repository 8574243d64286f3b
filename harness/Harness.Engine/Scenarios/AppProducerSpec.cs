namespace Harness.Engine.Scenarios;

/// <summary>
/// An app's producers (<c>apps[].producers</c>): one per topic. The topic's own <c>rate</c>, <c>records</c> and
/// <c>duration</c> say how much the app sends; the harness's load leaves an app's topics to the app.
/// </summary>
public sealed record AppProducerSpec
{
    /// <summary>Declared topics the app produces to; a topic has at most one producing app.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>librdkafka's partitioner: <c>murmur2</c> (Java's default, <c>murmur2_random</c>) or <c>consistent_random</c> (librdkafka's).</summary>
    public string Partitioner { get; init; } = "murmur2";

    /// <summary>Distinct keys the app cycles through; each key's records carry their own sequence.</summary>
    public int Keys { get; init; } = 100;
}
