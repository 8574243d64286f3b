using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Harness.Replicator.Clients;

/// <summary>
/// Forwards librdkafka's warnings and errors to the replicator's log, at most one line per client and facility
/// every few seconds: during a broker outage librdkafka repeats the same complaint many times a second.
/// </summary>
internal sealed class ClientLog(Action<string> log, TimeProvider time)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string Client, string Facility), (DateTimeOffset Last, int Suppressed)> _recent = new();

    /// <summary>A sink that drops everything, for clients whose failures surface as exceptions anyway.</summary>
    public static ClientLog Silent { get; } = new(_ => { }, TimeProvider.System);

    public void Handle(LogMessage message) => Handle(message.Name, (int)message.Level, message.Facility, message.Message);

    /// <summary>One librdkafka log line; <paramref name="level"/> is its syslog level (lower is worse).</summary>
    public void Handle(string client, int level, string facility, string message)
    {
        if (level > (int)SyslogLevel.Warning)
        {
            return;
        }

        var key = (client, facility);
        var now = time.GetUtcNow();
        var previous = _recent.GetOrAdd(key, (DateTimeOffset.MinValue, 0));
        if (now - previous.Last < Quiet)
        {
            _recent[key] = (previous.Last, previous.Suppressed + 1);
            return;
        }

        _recent[key] = (now, 0);
        var suppressed = previous.Suppressed > 0 ? $" ({previous.Suppressed} similar messages suppressed)" : "";
        log($"librdkafka {client}: {message}{suppressed}");
    }
}
