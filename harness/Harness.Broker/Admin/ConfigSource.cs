namespace Harness.Broker.Admin;

/// <summary>Where a config value comes from, with the codes DescribeConfigs v1+ reports.</summary>
internal enum ConfigSource : sbyte
{
    Unknown = 0,
    DynamicTopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
}
