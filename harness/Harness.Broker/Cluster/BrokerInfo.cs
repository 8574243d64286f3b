using Harness.Broker.Faults;

namespace Harness.Broker.Cluster;

/// <summary>A snapshot of one logical broker.</summary>
public sealed record BrokerInfo(int Id, string Host, int Port, BrokerStatus Status)
{
    /// <summary>host:port of the broker's listener.</summary>
    public string Endpoint => $"{Host}:{Port}";
}
