using System.Security.Cryptography;
using System.Text;

namespace Harness.Broker.Security;

/// <summary>
/// The server side of SCRAM (RFC 5802; SHA-256 per RFC 7677, SHA-512 as Kafka adds it), without channel binding:
/// client-first, server-first (nonce, salt, iterations), client-final with the proof, server-final with the signature.
/// </summary>
internal sealed class ScramSaslServer : ISaslServer
{
    private readonly ScramMechanism _mechanism;
    private readonly CredentialStore _credentials;
    private readonly bool _strictNonce;
    private ScramCredential? _credential;
    private string? _user;
    private string? _gs2Header;
    private string? _clientFirstBare;
    private string? _serverFirst;
    private string? _nonce;

    public ScramSaslServer(ScramMechanism mechanism, CredentialStore credentials, bool strictNonce)
    {
        _mechanism = mechanism;
        _credentials = credentials;
        _strictNonce = strictNonce;
    }

    /// <summary>Kafka's message when a proof does not verify or the user is unknown: it does not say which.</summary>
    public string InvalidCredentials => $"Authentication failed during authentication due to invalid credentials with SASL mechanism {_mechanism.Name}";

    public SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        string message;
        try
        {
            message = new UTF8Encoding(false, true).GetString(token);
        }
        catch (DecoderFallbackException)
        {
            return SaslStep.Fail("Authentication failed: SCRAM message is not UTF-8");
        }

        return _serverFirst is null ? ClientFirst(message) : ClientFinal(message);
    }

    private SaslStep ClientFirst(string message)
    {
        // gs2-header = cbind-flag "," [ authzid ] ","; we offer no channel binding, so "p=" is refused.
        var firstComma = message.IndexOf(',', StringComparison.Ordinal);
        var secondComma = firstComma < 0 ? -1 : message.IndexOf(',', firstComma + 1);
        if (secondComma < 0 || message[..firstComma] is not ("n" or "y"))
        {
            return SaslStep.Fail("Authentication failed: Invalid SCRAM client first message (channel binding is not supported)");
        }

        var authorizationId = message[(firstComma + 1)..secondComma];
        _gs2Header = message[..(secondComma + 1)];
        _clientFirstBare = message[(secondComma + 1)..];
        var attributes = Attributes(_clientFirstBare);
        if (attributes is null || !attributes.TryGetValue('n', out var saslName) || !attributes.TryGetValue('r', out var clientNonce)
            || clientNonce.Length == 0 || attributes.ContainsKey('m'))
        {
            return SaslStep.Fail("Authentication failed: Invalid SCRAM client first message");
        }

        _user = DecodeName(saslName);
        if (_user is null)
        {
            return SaslStep.Fail("Authentication failed: Invalid SCRAM user name encoding");
        }

        if (authorizationId.Length > 0 && (!authorizationId.StartsWith("a=", StringComparison.Ordinal) || DecodeName(authorizationId[2..]) != _user))
        {
            return SaslStep.Fail("Authentication failed: Client requested an authorization id that is different from username");
        }

        _credential = _credentials.FindScram(_mechanism, _user);
        if (_credential is null)
        {
            return SaslStep.Fail(InvalidCredentials);
        }

        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(_credential.Salt)},i={_credential.Iterations}";
        return SaslStep.Continue(Encoding.UTF8.GetBytes(_serverFirst));
    }

    private SaslStep ClientFinal(string message)
    {
        var proofAt = message.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0 || _credential is null)
        {
            return SaslStep.Fail("Authentication failed: Invalid SCRAM client final message");
        }

        var withoutProof = message[..proofAt];
        var attributes = Attributes(withoutProof);
        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(message[(proofAt + 3)..]);
        }
        catch (FormatException)
        {
            return SaslStep.Fail("Authentication failed: Invalid SCRAM client proof encoding");
        }

        if (attributes is null || !attributes.TryGetValue('c', out var binding) || !attributes.TryGetValue('r', out var nonce)
            || binding != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header!)) || !NonceMatches(nonce))
        {
            return SaslStep.Fail("Authentication failed: Invalid SCRAM client final message (channel binding or nonce)");
        }

        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var clientSignature = _mechanism.Hmac(_credential.StoredKey, authMessage);
        if (proof.Length != clientSignature.Length)
        {
            return SaslStep.Fail(InvalidCredentials);
        }

        // ClientKey = ClientProof XOR ClientSignature; the proof is right when H(ClientKey) is the StoredKey.
        var clientKey = new byte[proof.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        }

        if (!CryptographicOperations.FixedTimeEquals(_mechanism.HashData(clientKey), _credential.StoredKey))
        {
            return SaslStep.Fail(InvalidCredentials);
        }

        var serverSignature = _mechanism.Hmac(_credential.ServerKey, authMessage);
        return SaslStep.Success(_user!, Encoding.UTF8.GetBytes($"v={Convert.ToBase64String(serverSignature)}"));
    }

    /// <summary>
    /// RFC 5802 wants the client-final nonce to equal the server's. librdkafka before 2.6.1 sends its own nonce again in
    /// front of it; Kafka 3.8.1 to 3.9 accept a nonce that ends with the server's, Kafka 4 (strict) does not.
    /// </summary>
    private bool NonceMatches(string nonce) => _strictNonce ? nonce == _nonce : nonce.EndsWith(_nonce!, StringComparison.Ordinal);

    /// <summary>The attribute=value pairs of a SCRAM message, or null when one is malformed.</summary>
    private static Dictionary<char, string>? Attributes(string message)
    {
        var attributes = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length < 2 || part[1] != '=')
            {
                return null;
            }

            attributes.TryAdd(part[0], part[2..]);
        }

        return attributes;
    }

    /// <summary>RFC 5802 saslname: "=2C" is ",", "=3D" is "=", and no other "=" may appear.</summary>
    private static string? DecodeName(string saslName)
    {
        var name = new StringBuilder(saslName.Length);
        for (var i = 0; i < saslName.Length; i++)
        {
            if (saslName[i] != '=')
            {
                name.Append(saslName[i]);
            }
            else if (string.CompareOrdinal(saslName, i, "=2C", 0, 3) == 0)
            {
                name.Append(',');
                i += 2;
            }
            else if (string.CompareOrdinal(saslName, i, "=3D", 0, 3) == 0)
            {
                name.Append('=');
                i += 2;
            }
            else
            {
                return null;
            }
        }

        return name.Length == 0 ? null : name.ToString();
    }
}
