namespace Harness.Engine.Scenarios;

/// <summary>Bounds on translated consumer group offsets (<c>expect.offsetTranslation</c>).</summary>
public sealed record OffsetTranslationExpectation
{
    /// <summary>The redelivery bound when the scenario does not give one: MirrorMaker 2's default <c>offset.lag.max</c>.</summary>
    public const long DefaultMaxRedelivery = 100;

    /// <summary>Translated offsets ahead of the true position, never, and redelivery up to 100 records.</summary>
    public static OffsetTranslationExpectation Default { get; } = new();

    /// <summary>Partitions whose translated offset may be ahead of the true position (skipping records); 0 by default.</summary>
    public long Ahead { get; init; }

    /// <summary>Records a switched-over group may see again, per partition; 100 by default.</summary>
    public long MaxRedelivery { get; init; } = DefaultMaxRedelivery;
}
