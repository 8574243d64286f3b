namespace Harness.Broker.Cluster;

/// <summary>Value types of configs, with the codes DescribeConfigs v3 reports.</summary>
internal enum ConfigType : sbyte
{
    Boolean = 1,
    String = 2,
    Int = 3,
    Short = 4,
    Long = 5,
    Double = 6,
    List = 7,
    Class = 8,
    Password = 9,
}
