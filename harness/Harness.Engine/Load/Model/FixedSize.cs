namespace Harness.Engine.Load.Model;

/// <summary>Every record has the same size.</summary>
public sealed class FixedSize : SizeDistribution
{
    /// <summary>Creates a fixed size.</summary>
    /// <param name="bytes">The size; zero or more.</param>
    public FixedSize(int bytes)
    {
        Bytes = CheckSize(bytes, nameof(bytes));
    }

    /// <summary>The size in bytes.</summary>
    public int Bytes { get; }

    /// <inheritdoc/>
    public override int Min => Bytes;

    /// <inheritdoc/>
    public override int Max => Bytes;

    /// <inheritdoc/>
    public override int Sample(DeterministicRandom random) => Bytes;

    /// <inheritdoc/>
    public override string ToString() => $"fixed {Bytes} B";
}
