namespace Harness.Engine.Verification;

/// <summary>One example of an anomaly, with offsets on both sides where known (-1 when not).</summary>
public sealed record AnomalyExample(AnomalyClass Class, string SourceTopic, int SourcePartition, int ProducerId, long Sequence, long SourceOffset, string TargetTopic, int TargetPartition, long TargetOffset, string Detail);
