using System.Text;

namespace Harness.Broker.Security;

/// <summary>SASL PLAIN (RFC 4616): one message, <c>authzid NUL authcid NUL passwd</c>, checked against the users.</summary>
internal sealed class PlainSaslServer : ISaslServer
{
    /// <summary>Kafka's PLAIN message for a wrong user or password: it does not say which.</summary>
    public const string InvalidCredentials = "Authentication failed: Invalid username or password";

    private readonly CredentialStore _credentials;

    public PlainSaslServer(CredentialStore credentials) => _credentials = credentials;

    public SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        var first = token.IndexOf((byte)0);
        var second = first < 0 ? -1 : token[(first + 1)..].IndexOf((byte)0);
        if (second < 0)
        {
            return SaslStep.Fail("Authentication failed: Invalid SASL/PLAIN response: expected 3 tokens");
        }

        var authorizationId = Encoding.UTF8.GetString(token[..first]);
        var user = Encoding.UTF8.GetString(token.Slice(first + 1, second));
        var password = token[(first + 1 + second + 1)..];
        if (user.Length == 0 || password.IsEmpty)
        {
            return SaslStep.Fail("Authentication failed: username and password must not be empty");
        }

        if (!_credentials.CheckPlain(user, password))
        {
            return SaslStep.Fail(InvalidCredentials);
        }

        return authorizationId.Length > 0 && authorizationId != user
            ? SaslStep.Fail("Authentication failed: Client requested an authorization id that is different from username")
            : SaslStep.Success(user);
    }
}
