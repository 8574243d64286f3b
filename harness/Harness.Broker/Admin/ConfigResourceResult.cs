using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>One resource of an AlterConfigs or IncrementalAlterConfigs response (both share this layout).</summary>
internal sealed record ConfigResourceResult(AdminError Error, sbyte ResourceType, string ResourceName)
{
    public static void WriteAll(KafkaWriter writer, IReadOnlyList<ConfigResourceResult> results)
    {
        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteArrayLength(results.Count);
        foreach (var result in results)
        {
            writer.WriteInt16(result.Error.Code);
            writer.WriteNullableString(result.Error.Message);
            writer.WriteInt8(result.ResourceType);
            writer.WriteString(result.ResourceName);
        }
    }
}
