using Harness.Broker.Protocol;

namespace Harness.Broker.Network;

/// <summary>Serves one Kafka API at the versions it implements completely.</summary>
internal interface IApiHandler
{
    ApiKey Key { get; }

    short MinVersion { get; }

    short MaxVersion { get; }

    /// <summary>The first flexible (tagged-field) version, or <see cref="short.MaxValue"/> when none is served.</summary>
    short FirstFlexibleVersion { get; }

    /// <summary>Reads the request body from <paramref name="reader"/> and writes the response body.</summary>
    ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer);
}
