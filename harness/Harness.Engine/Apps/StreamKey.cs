namespace Harness.Engine.Apps;

/// <summary>One key's stream: the producing app, the source topic and the key.</summary>
internal readonly record struct StreamKey(ushort App, string Topic, int Key);
