namespace Harness.Broker.Protocol;

/// <summary>The header of one request (v1, or v2 with tagged fields for flexible versions).</summary>
public sealed record RequestHeader(ApiKey ApiKey, short ApiVersion, int CorrelationId, string? ClientId);
