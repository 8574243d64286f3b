namespace Harness.Engine.Scenarios;

/// <summary>An app's consumer group (<c>apps[].consumers</c>): its members read, process and commit like a real service.</summary>
public sealed record AppConsumerSpec
{
    /// <summary>The group id.</summary>
    public required string Group { get; init; }

    /// <summary>Topics the group reads (declared topics produced by an app).</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Members of the group, each a client of its own.</summary>
    public int Members { get; init; } = 1;

    /// <summary>Records each member processes per second, or <see langword="null"/> for as fast as possible.</summary>
    public double? Rate { get; init; }

    /// <summary>How often the members commit (librdkafka's <c>auto.commit.interval.ms</c>).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where a member starts without a committed offset: <c>earliest</c> or <c>latest</c>.</summary>
    public string AutoOffsetReset { get; init; } = "earliest";

    /// <summary>librdkafka's <c>partition.assignment.strategy</c>: <c>range</c>, <c>roundrobin</c> or <c>cooperative-sticky</c>.</summary>
    public string Assignor { get; init; } = "range";
}
