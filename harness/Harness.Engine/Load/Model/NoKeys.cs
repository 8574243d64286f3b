namespace Harness.Engine.Load.Model;

/// <summary>Records without keys; the producer's partitioner spreads them.</summary>
public sealed class NoKeys : KeyDistribution
{
    private NoKeys()
    {
    }

    /// <summary>The one instance.</summary>
    public static NoKeys Instance { get; } = new();

    /// <inheritdoc/>
    public override long? Count => null;

    /// <inheritdoc/>
    public override long? NextIndex(long ordinal, DeterministicRandom random) => null;

    /// <inheritdoc/>
    public override string ToString() => "no keys";
}
