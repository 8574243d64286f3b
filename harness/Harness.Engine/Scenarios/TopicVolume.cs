namespace Harness.Engine.Scenarios;

/// <summary>A topic's traffic class (<c>volume</c>), used to group topics in reports of seed-shaped clusters.</summary>
public enum TopicVolume
{
    /// <summary>A busy topic (<c>high</c>).</summary>
    High,

    /// <summary>An ordinary topic (<c>medium</c>).</summary>
    Medium,

    /// <summary>A quiet topic (<c>low</c>).</summary>
    Low,
}
