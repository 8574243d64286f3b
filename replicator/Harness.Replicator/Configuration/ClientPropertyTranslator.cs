using System.Text.RegularExpressions;

namespace Harness.Replicator.Configuration;

/// <summary>
/// Maps the Java client properties found in production mm2.properties files onto librdkafka's. Most names are
/// the same; the Java-only ones are reported and left out, and <c>sasl.jaas.config</c> becomes librdkafka's
/// <c>sasl.username</c>/<c>sasl.password</c>. PEM trust and key stores (Kafka 2.7+, <c>ssl.truststore.type=PEM</c>,
/// <c>ssl.keystore.type=PEM</c>) have librdkafka equivalents: a PEM <c>ssl.truststore.location</c> becomes
/// <c>ssl.ca.location</c>, <c>ssl.keystore.certificate.chain</c> and <c>ssl.keystore.key</c> become
/// <c>ssl.certificate.pem</c> and <c>ssl.key.pem</c>. Anything else is passed through, and a name librdkafka does not
/// know fails client creation with a message that names it.
/// </summary>
internal static partial class ClientPropertyTranslator
{
    private static readonly HashSet<string> JavaOnly = new(StringComparer.Ordinal)
    {
        "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "max.poll.records",
        "interceptor.classes", "partitioner.class", "buffer.memory", "ssl.truststore.location", "ssl.truststore.password",
        "ssl.truststore.type", "ssl.keystore.type", "ssl.protocol", "ssl.enabled.protocols", "ssl.trustmanager.algorithm",
        "ssl.keymanager.algorithm", "sasl.login.callback.handler.class", "sasl.client.callback.handler.class", "exclude.internal.topics",
        "metric.reporters", "metrics.sample.window.ms", "metrics.num.samples", "metrics.recording.level", "auto.include.jmx.reporter",
    };

    /// <summary>Adds <paramref name="key"/> to <paramref name="into"/> in librdkafka's terms, or reports why not.</summary>
    public static void Add(string key, string value, string origin, IDictionary<string, string> into, List<string> warnings)
    {
        if (key is "ssl.truststore.type" or "ssl.keystore.type" && value.Trim().Equals("PEM", StringComparison.OrdinalIgnoreCase))
        {
            return; // PEM is what librdkafka reads: the location and contents below say the rest.
        }

        if (key == "ssl.truststore.location" && IsPem(value))
        {
            into["ssl.ca.location"] = value.Trim();
            return;
        }

        if (key is "ssl.keystore.certificate.chain" or "ssl.keystore.key")
        {
            into[key == "ssl.keystore.key" ? "ssl.key.pem" : "ssl.certificate.pem"] = value;
            return;
        }

        if (JavaOnly.Contains(key))
        {
            warnings.Add($"{origin}: '{key}' is a Java client setting with no librdkafka equivalent; ignored");
            return;
        }

        if (key == "sasl.jaas.config")
        {
            var username = JaasOption().Matches(value).FirstOrDefault(m => m.Groups[1].Value == "username");
            var password = JaasOption().Matches(value).FirstOrDefault(m => m.Groups[1].Value == "password");
            if (username is null || password is null)
            {
                throw new ReplicatorConfigException($"{origin}: sasl.jaas.config has no username=\"...\" and password=\"...\"; set sasl.username and sasl.password instead");
            }

            into["sasl.username"] = username.Groups[2].Value;
            into["sasl.password"] = password.Groups[2].Value;
            return;
        }

        into[key] = value;
    }

    private static bool IsPem(string path)
    {
        try
        {
            using var reader = new StreamReader(path.Trim());
            return reader.ReadLine()?.StartsWith("-----BEGIN ", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false; // Not readable here: reported as the Java-only setting it then is.
        }
    }

    [GeneratedRegex("""(\w+)\s*=\s*"([^"]*)"\s*""", RegexOptions.CultureInvariant)]
    private static partial Regex JaasOption();
}
