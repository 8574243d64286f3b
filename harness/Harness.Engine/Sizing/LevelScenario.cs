using System.Globalization;
using Harness.Engine.Load.Model;
using Harness.Engine.Replicators.Connect;
using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Sizing;

/// <summary>
/// Builds the scenario of one load level: after a quiet warm-up, every topic at a constant multiple of its mean rate (the profile's mix
/// of topics, sizes and keys kept, its bursts flattened into a plateau the knee can be read from), the replicator at
/// the curve's tasks, and nothing that would slow a level down without measuring capacity (consumer groups,
/// faults).
/// </summary>
public static class LevelScenario
{
    /// <summary>The property the built-in replicator reads its per-task throttle from.</summary>
    public const string ThrottleProperty = "harness.throttle.records.per.second.per.task";

    /// <summary>
    /// A quiet start before the plateau: the replicator takes a few seconds after it starts to discover topics and
    /// begin copying, and a backlog built at full rate meanwhile would take most of a short level to drain and hide
    /// the knee under start-up latency.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    /// <summary>The warm-up's rate as a share of the plateau's.</summary>
    public const double WarmUpShare = 0.05;

    /// <summary>How long a level may drain; an overloaded level does not need to finish draining to be judged.</summary>
    public static readonly TimeSpan DrainWithin = TimeSpan.FromSeconds(5);

    /// <summary>The scenario of a level.</summary>
    public static Scenario Build(Scenario profile, ProfileShape shape, double multiplier, int tasks, double? throttlePerTask, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(shape);
        var means = shape.Topics.ToDictionary(t => t.Name, t => t.MeanRecordsPerSecond, StringComparer.Ordinal);
        var topics = profile.Topics.Select(t => t with
        {
            Rate = new OpenLoadModel(new PiecewiseRate(
            [
                RateSegment.Constant(means.GetValueOrDefault(t.Name) * multiplier * WarmUpShare, WarmUp),
                RateSegment.Constant(means.GetValueOrDefault(t.Name) * multiplier, duration),
            ])),
            Records = null,
            Duration = null,
        }).ToList();
        return profile with
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"{profile.Name}-tasks{tasks}-x{multiplier:0.###}"),
            Topics = topics,
            Consumers = [],
            Faults = [],
            Expect = profile.Expect with { DrainWithin = DrainWithin },
            Replicator = WithTasks(profile.Replicator, tasks, throttlePerTask),
        };
    }

    private static ReplicatorSpec WithTasks(ReplicatorSpec replicator, int tasks, double? throttlePerTask)
    {
        var properties = new Dictionary<string, string>(replicator.Properties, StringComparer.Ordinal)
        {
            ["tasks.max"] = tasks.ToString(CultureInfo.InvariantCulture),
        };
        if (throttlePerTask is { } throttle)
        {
            properties[ThrottleProperty] = Math.Round(throttle).ToString(CultureInfo.InvariantCulture);
        }

        // mm2 and connect take tasks.max from their own setting; the properties carry it for builtin and command.
        var settings = replicator.Settings switch
        {
            Mm2ReplicatorSettings mm2 => mm2 with { Tasks = tasks },
            ConnectReplicatorSettings connect => connect with { Tasks = tasks },
            var other => other,
        };
        if (settings is Mm2ReplicatorSettings or ConnectReplicatorSettings)
        {
            properties.Remove("tasks.max");
        }

        return replicator with { Properties = properties, Settings = settings };
    }
}
