namespace Harness.Broker.Admin;

/// <summary>The operations of IncrementalAlterConfigs, with their wire codes.</summary>
internal enum AlterConfigOperation : sbyte
{
    Set = 0,
    Delete = 1,
    Append = 2,
    Subtract = 3,
}
