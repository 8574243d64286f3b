using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Runs;

namespace Harness.Engine.Safety;

/// <summary>One-line errors for a cluster the harness cannot use: unreachable, or refusing its credentials.</summary>
public static class ClusterErrors
{
    /// <summary>
    /// The error for <paramref name="error"/> from the <paramref name="role"/> cluster (exit 3): an authentication
    /// failure names the protocol, the mechanism and what to check, never the secret.
    /// </summary>
    public static HarnessException Unreachable(string role, KafkaEndpoint endpoint, Error error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(error);
        var reason = Scrub(error.Reason, endpoint);
        return IsAuthentication(error)
            ? new HarnessException($"cannot authenticate to the {role} cluster at {endpoint.Bootstrap} with {endpoint.Security}: {reason}; check clusters.{role}.security (user, password, mechanism, CA)", ExitCodes.Environment)
            : new HarnessException($"cannot reach the {role} cluster at {endpoint.Bootstrap}: {reason}; check that it is up and the bootstrap servers and clusters.{role}.security are right", ExitCodes.Environment);
    }

    /// <summary>Whether <paramref name="error"/> is a refusal of the client's credentials or certificate.</summary>
    public static bool IsAuthentication(Error error) =>
        error?.Code is ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Ssl
            || error?.Reason?.Contains("authentication", StringComparison.OrdinalIgnoreCase) == true;

    private static string Scrub(string reason, KafkaEndpoint endpoint)
    {
        // A client's message never should carry a secret, but a report is shared widely: make sure.
        foreach (var secret in endpoint.Security.SecretValues.Where(s => s.Length > 0))
        {
            reason = reason.Replace(secret, "******", StringComparison.Ordinal);
        }

        return reason;
    }
}
