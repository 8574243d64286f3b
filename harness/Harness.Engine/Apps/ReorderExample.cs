namespace Harness.Engine.Apps;

/// <summary>A key whose records an app read out of produce order: <see cref="Sequence"/> arrived after <see cref="Newest"/>.</summary>
public sealed record ReorderExample(string Topic, string Key, long Sequence, long Newest, int Partition, long Offset);
