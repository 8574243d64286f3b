using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// Collects the API versions each broker advertised, from librdkafka's own ApiVersions handshake as it logs it with
/// <c>debug=feature</c> (facility APIVERSION, one "ApiKey Name (key) Versions min..max" line per API). librdkafka has
/// done the TLS and SASL work by then, so this works through every security protocol the run's clients speak.
/// </summary>
public sealed partial class ApiVersionLog
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<short, (short Min, short Max)>> _brokers = new(StringComparer.Ordinal);

    /// <summary>The APIs each broker advertised, by broker address (host:port).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<short, (short Min, short Max)>> Brokers =>
        _brokers.ToDictionary(b => b.Key, b => (IReadOnlyDictionary<short, (short, short)>)b.Value.ToDictionary(), StringComparer.Ordinal);

    /// <summary>Takes one log message; true when it was an ApiVersions line.</summary>
    public bool Add(LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Facility == "APIVERSION" && Add(message.Message);
    }

    /// <summary>Takes one line of librdkafka's log text; true when it was an ApiVersions line.</summary>
    public bool Add(string line)
    {
        var match = ApiLine().Match(line ?? "");
        if (!match.Success)
        {
            return false;
        }

        var key = short.Parse(match.Groups["key"].Value, CultureInfo.InvariantCulture);
        var range = (short.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture), short.Parse(match.Groups["max"].Value, CultureInfo.InvariantCulture));
        _brokers.GetOrAdd(match.Groups["address"].Value, _ => new ConcurrentDictionary<short, (short, short)>())[key] = range;
        return true;
    }

    // "[thrd:sasl_ssl://127.0.0.1:4242/bootstrap]: sasl_ssl://127.0.0.1:4242/1:   ApiKey Produce (0) Versions 0..9": the
    // broker's name carries the address (with no protocol prefix on PLAINTEXT), and its bootstrap and id-named
    // connections are the same broker.
    [GeneratedRegex(@"(?:^|\s)(?:[a-z_]+://)?(?<address>[^/\s]+)/[^:\s]+:\s+ApiKey \S+ \((?<key>\d+)\) Versions (?<min>-?\d+)\.\.(?<max>-?\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ApiLine();
}
