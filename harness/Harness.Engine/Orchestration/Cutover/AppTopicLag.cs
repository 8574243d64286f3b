using Harness.Engine.Clients;
using Harness.Engine.Apps;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Replication lag of the app topics: per partition, the source's end minus what the target holds of it. Records the
/// apps wrote to the target after moving are no replication, so they are taken out of the target's end first:
/// otherwise a hot move would look caught up while the tail is still on its way.
/// </summary>
internal sealed class AppTopicLag(AppHost apps, KafkaEndpoint sourceBootstrap, KafkaEndpoint targetBootstrap) : IDisposable
{
    private readonly WatermarkReader _source = new(sourceBootstrap);
    private readonly WatermarkReader _target = new(targetBootstrap);

    public async Task<long> ReadAsync()
    {
        var topics = apps.Producers.Select(p => p.Topic).Distinct(StringComparer.Ordinal).ToList();
        var source = await _source.ReadAsync(topics.Select(t => (t, apps.Partitions[t])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var target = await _target.ReadAsync(topics.Select(t => (apps.RemoteOf(t), apps.Partitions[t])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        long lag = 0;
        foreach (var producer in apps.Producers)
        {
            for (var p = 0; p < apps.Partitions[producer.Topic]; p++)
            {
                if (!source.TryGetValue((producer.Topic, p), out var end) || !target.TryGetValue((apps.RemoteOf(producer.Topic), p), out var copied))
                {
                    return long.MaxValue; // unknown is not caught up
                }

                lag += Math.Max(0, end - (copied - producer.Produced.OnTarget(p)));
            }
        }

        return lag;
    }

    /// <summary>Replication lag of the harness's own load topics: the replicator may not stop before they are copied.</summary>
    public async Task<long> LoadLagAsync(IReadOnlyList<(string Source, string Target, int Partitions)> topics)
    {
        var source = await _source.ReadAsync(topics.Select(t => (t.Source, t.Partitions)), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var target = await _target.ReadAsync(topics.Select(t => (t.Target, t.Partitions)), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        long lag = 0;
        foreach (var topic in topics)
        {
            for (var p = 0; p < topic.Partitions; p++)
            {
                if (!source.TryGetValue((topic.Source, p), out var end) || !target.TryGetValue((topic.Target, p), out var copied))
                {
                    return long.MaxValue;
                }

                lag += Math.Max(0, end - copied);
            }
        }

        return lag;
    }

    /// <summary>The source's end offsets of the app topics, summed: straggler writes make it grow after the producers moved.</summary>
    public async Task<long> SourceEndsAsync()
    {
        var topics = apps.Producers.Select(p => p.Topic).Distinct(StringComparer.Ordinal);
        var source = await _source.ReadAsync(topics.Select(t => (t, apps.Partitions[t])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return source.Values.Sum();
    }

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }
}
