namespace Harness.Broker.Security;

/// <summary>What the broker keeps of a SCRAM user (RFC 5802 section 3): salt, StoredKey, ServerKey and iterations.</summary>
internal sealed record ScramCredential(byte[] Salt, byte[] StoredKey, byte[] ServerKey, int Iterations);
