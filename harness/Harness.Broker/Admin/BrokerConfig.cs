using Harness.Broker.Cluster;

namespace Harness.Broker.Admin;

/// <summary>A broker config DescribeConfigs reports; its value is read from the broker and its cluster's options.</summary>
internal sealed record BrokerConfig(string Name, ConfigType Type, Func<BrokerNode, string?> Value, string Documentation, bool Sensitive = false);
