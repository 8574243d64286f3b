using Harness.Engine.Runs;

namespace Harness.Engine.Security;

/// <summary>The refusal of a backend that cannot start a cluster with the security a scenario asks for.</summary>
public static class SecurityRefusal
{
    /// <summary>Throws (exit 2) when <paramref name="security"/> is not PLAINTEXT; <paramref name="what"/> names the backend.</summary>
    public static void UnlessPlaintext(SecuritySpec security, string role, string what)
    {
        ArgumentNullException.ThrowIfNull(security);
        if (security.Protocol != Confluent.Kafka.SecurityProtocol.Plaintext)
        {
            throw new HarnessException(
                $"clusters.{role}.security: {what} listens PLAINTEXT only; drop security: for it, or use kind: embedded (which speaks TLS and SASL) or kind: external",
                ExitCodes.BadInput);
        }
    }
}
