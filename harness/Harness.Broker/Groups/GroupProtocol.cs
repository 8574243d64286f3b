namespace Harness.Broker.Groups;

/// <summary>One assignment protocol a member supports, with its opaque metadata (a copy, never a frame slice).</summary>
internal sealed record GroupProtocol(string Name, byte[] Metadata);
