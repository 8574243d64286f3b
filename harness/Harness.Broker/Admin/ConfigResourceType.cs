namespace Harness.Broker.Admin;

/// <summary>Resource types of the config APIs (Kafka's ConfigResource.Type codes).</summary>
internal enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,
    Broker = 4,
    BrokerLogger = 8,
}
