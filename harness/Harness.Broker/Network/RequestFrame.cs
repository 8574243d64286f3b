namespace Harness.Broker.Network;

/// <summary>One request as read from the socket: a pooled buffer whose first <see cref="Size"/> bytes are the request.</summary>
internal readonly record struct RequestFrame(byte[] Buffer, int Size);
