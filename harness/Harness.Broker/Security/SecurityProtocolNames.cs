namespace Harness.Broker.Security;

/// <summary>Kafka's spelling of <see cref="SecurityProtocol"/> values (<c>SASL_SSL</c>), both ways.</summary>
public static class SecurityProtocolNames
{
    /// <summary>The Kafka name of a protocol, e.g. <c>SASL_SSL</c>.</summary>
    public static string ToKafkaName(this SecurityProtocol protocol) => protocol switch
    {
        SecurityProtocol.Plaintext => "PLAINTEXT",
        SecurityProtocol.Ssl => "SSL",
        SecurityProtocol.SaslPlaintext => "SASL_PLAINTEXT",
        SecurityProtocol.SaslSsl => "SASL_SSL",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>Parses a Kafka protocol name (any case); false when it is none of the four.</summary>
    public static bool TryParse(string? name, out SecurityProtocol protocol)
    {
        foreach (var candidate in Enum.GetValues<SecurityProtocol>())
        {
            if (string.Equals(candidate.ToKafkaName(), name, StringComparison.OrdinalIgnoreCase))
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = SecurityProtocol.Plaintext;
        return false;
    }

    /// <summary>True for SSL and SASL_SSL.</summary>
    public static bool UsesTls(this SecurityProtocol protocol) => protocol is SecurityProtocol.Ssl or SecurityProtocol.SaslSsl;

    /// <summary>True for SASL_PLAINTEXT and SASL_SSL.</summary>
    public static bool UsesSasl(this SecurityProtocol protocol) => protocol is SecurityProtocol.SaslPlaintext or SecurityProtocol.SaslSsl;
}
