using System.Globalization;

namespace Harness.Engine.Chaos;

/// <summary>
/// Which broker a fault hits: a fixed id, the leader of a partition at the moment the fault fires, or one
/// picked by the run's seeded random source.
/// </summary>
internal sealed record BrokerSelector(int? Id, string? LeaderTopic, int LeaderPartition)
{
    public static BrokerSelector Parse(FaultParameters parameters)
    {
        var broker = parameters.Text("broker");
        var leaderOf = parameters.Text("leaderOf");
        if (broker is not null && leaderOf is not null)
        {
            parameters.Error("both broker and leaderOf are given", "one of broker: N, broker: random or leaderOf: topic/partition");
        }

        if (leaderOf is not null)
        {
            var slash = leaderOf.LastIndexOf('/');
            if (slash > 0 && int.TryParse(leaderOf[(slash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var partition) && partition >= 0)
            {
                return new BrokerSelector(null, leaderOf[..slash], partition);
            }

            parameters.Error($"leaderOf '{leaderOf}' is not topic/partition", "leaderOf: orders/0");
            return new BrokerSelector(null, null, 0);
        }

        if (broker is null or "random")
        {
            return new BrokerSelector(null, null, 0);
        }

        if (int.TryParse(broker, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id >= 1)
        {
            return new BrokerSelector(id, null, 0);
        }

        parameters.Error($"broker '{broker}' is not a broker id", "broker: 1 (ids start at 1), broker: random or leaderOf: topic/partition");
        return new BrokerSelector(null, null, 0);
    }

    /// <summary>The broker to hit now on the <paramref name="side"/> cluster.</summary>
    public int Resolve(FaultContext context, string side)
    {
        var faults = context.Cluster(side).Faults ?? throw new InvalidOperationException($"the {side} cluster cannot inject broker faults");
        if (Id is { } id)
        {
            return faults.BrokerIds.Contains(id) ? id : throw new InvalidOperationException($"the {side} cluster has no broker {id}");
        }

        if (LeaderTopic is { } topic)
        {
            return faults.LeaderOf(context.TopicOn(side, topic), LeaderPartition);
        }

        return faults.BrokerIds[context.Random.Next(faults.BrokerIds.Count)];
    }

    public override string ToString() => Id is { } id ? $"broker {id}" : LeaderTopic is { } topic ? $"leader of {topic}/{LeaderPartition}" : "a random broker";
}
