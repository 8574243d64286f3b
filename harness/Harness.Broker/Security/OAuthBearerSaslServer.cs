using System.Text;

namespace Harness.Broker.Security;

/// <summary>
/// SASL OAUTHBEARER (RFC 7628) with unsecured JWTs. A bad token is answered, as by Kafka, with an error status for the
/// client to acknowledge (a lone 0x01), and then with the authentication failure.
/// </summary>
internal sealed class OAuthBearerSaslServer : ISaslServer
{
    private const char Separator = '\u0001';
    private readonly TimeProvider _time;
    private string? _problem;

    public OAuthBearerSaslServer(TimeProvider time) => _time = time;

    public SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        if (_problem is not null)
        {
            return SaslStep.Fail($"Authentication failed: {_problem}");
        }

        var message = Encoding.UTF8.GetString(token);

        // gs2-header "n,[a=authzid]," then kvsep-separated key=value pairs and a closing kvsep.
        var firstComma = message.IndexOf(',', StringComparison.Ordinal);
        var secondComma = firstComma < 0 ? -1 : message.IndexOf(',', firstComma + 1);
        if (secondComma < 0 || message[..firstComma] is not ("n" or "y"))
        {
            return SaslStep.Fail("Authentication failed: Invalid OAUTHBEARER client first message");
        }

        string? bearer = null;
        foreach (var pair in message[(secondComma + 1)..].Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("auth=", StringComparison.Ordinal))
            {
                var value = pair[5..];
                bearer = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
            }
        }

        if (bearer is null)
        {
            return SaslStep.Fail("Authentication failed: Invalid OAUTHBEARER client first message: no auth=Bearer value");
        }

        var (principal, problem) = UnsecuredJwt.Validate(bearer, _time.GetUtcNow());
        var authorizationId = message[(firstComma + 1)..secondComma];
        if (principal is not null && authorizationId.Length > 0 && authorizationId != $"a={principal}")
        {
            problem = "the authorization id differs from the token's principal";
        }

        if (problem is null)
        {
            return SaslStep.Success(principal!);
        }

        _problem = problem;
        return SaslStep.Continue("{\"status\":\"invalid_token\"}"u8.ToArray());
    }
}
