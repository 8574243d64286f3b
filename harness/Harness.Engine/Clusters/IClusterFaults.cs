namespace Harness.Engine.Clusters;

/// <summary>The broker faults a cluster backend can perform.</summary>
public interface IClusterFaults
{
    /// <summary>Broker ids.</summary>
    IReadOnlyList<int> BrokerIds { get; }

    /// <summary>The broker leading a partition.</summary>
    int LeaderOf(string topic, int partition);

    /// <summary>Kills a broker (listener closed, connections reset, leadership fails over).</summary>
    void KillBroker(int brokerId);

    /// <summary>Restarts a killed broker.</summary>
    void RestartBroker(int brokerId);

    /// <summary>Makes a broker stop answering until resumed.</summary>
    void HangBroker(int brokerId);

    /// <summary>Ends a hang.</summary>
    void ResumeBroker(int brokerId);

    /// <summary>Adds latency to every response of a broker.</summary>
    void SetLatency(int brokerId, TimeSpan latency);

    /// <summary>Makes <paramref name="api"/> (a Kafka API name such as Produce) answer <paramref name="code"/> for its next <paramref name="count"/> requests.</summary>
    void InjectErrors(string api, short code, int count, int? brokerId);

    /// <summary>Moves a partition's leadership to another live replica; returns the new leader.</summary>
    int MoveLeader(string topic, int partition);
}
