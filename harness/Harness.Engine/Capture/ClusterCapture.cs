using Harness.RdKafka;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Runs;

namespace Harness.Engine.Capture;

/// <summary>
/// Observes a running cluster, read-only, and profiles its load: topics, partitions and their own configs; per-topic
/// rates from end offsets read about once a second over a window; record sizes, keys and header counts from a
/// bounded sample; consumer groups and how far behind they are. Only Metadata, DescribeConfigs, ListOffsets,
/// ListGroups, OffsetFetch and Fetch requests are sent.
/// </summary>
public static class ClusterCapture
{
    /// <summary>Captures a profile of the cluster at <see cref="CaptureOptions.Bootstrap"/>.</summary>
    /// <param name="options">What to capture and for how long.</param>
    /// <param name="progress">Receives one-line progress messages.</param>
    /// <param name="time">Times the window and the reads in it, and dates the profile; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellation">Ends the capture early; the window then ends where it was.</param>
    /// <exception cref="HarnessException">The cluster cannot be reached or refused a request.</exception>
    public static async Task<ClusterProfile> CaptureAsync(CaptureOptions options, Action<string>? progress = null, TimeProvider? time = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var report = progress ?? (_ => { });
        using var admin = Build(options);
        var metadata = Call(options, "read the cluster's metadata", () => admin.GetMetadata(options.RequestTimeout));
        var all = metadata.Topics.Where(t => !t.Error.IsError).OrderBy(t => t.Topic, StringComparer.Ordinal).ToList();
        var topics = all.Where(t => !InternalTopics.IsInternal(t.Topic)).Select(t => (t.Topic, Partitions: t.Partitions.Count)).ToList();
        var skipped = all.Where(t => InternalTopics.IsInternal(t.Topic)).Select(t => t.Topic).ToList();
        report($"{metadata.Brokers.Count} brokers, {topics.Count} topics ({skipped.Count} internal skipped)");

        var configs = await CallAsync(options, "describe topic configs", () => ReadConfigsAsync(admin, topics.Select(t => t.Topic).ToList(), options)).ConfigureAwait(false);
        var partitions = topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartition(t.Topic, p))).ToList();
        var low = await CallAsync(options, "list offsets", () => ListOffsetsAsync(admin, partitions, OffsetSpec.Earliest(), options)).ConfigureAwait(false);
        var start = await CallAsync(options, "list offsets", () => ListOffsetsAsync(admin, partitions, OffsetSpec.Latest(), options)).ConfigureAwait(false);
        var clock = new RunClock(time);
        var readings = topics.ToDictionary(t => t.Topic, t => new List<(TimeSpan, long)> { (TimeSpan.Zero, Total(start, t.Topic)) }, StringComparer.Ordinal);

        using var sampler = new TopicSampler(options, topics, low, start);
        using var windowEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var sampling = Task.Factory.StartNew(() => sampler.Run(windowEnd.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        report($"watching end offsets for {options.Window.TotalSeconds:0.#}s and sampling up to {options.Sample} records per topic");

        var end = start;
        var elapsed = TimeSpan.Zero;
        while (elapsed < options.Window && !cancellation.IsCancellationRequested)
        {
            var wait = options.Window - clock.Elapsed;
            try
            {
                await Task.Delay(wait < options.ReadEvery ? (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : options.ReadEvery, time, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var read = await CallAsync(options, "list offsets", () => ListOffsetsAsync(admin, partitions, OffsetSpec.Latest(), options)).ConfigureAwait(false);
            elapsed = clock.Elapsed;
            end = read;
            foreach (var (topic, _) in topics)
            {
                readings[topic].Add((elapsed, Total(end, topic)));
            }
        }

        await windowEnd.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        var groups = await CallAsync(options, "list consumer groups", () => ReadGroupsAsync(admin, topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal), end, options)).ConfigureAwait(false);
        report($"{groups.Count} consumer groups with offsets on captured topics");

        var window = elapsed > TimeSpan.Zero ? elapsed : options.Window;
        return new ClusterProfile
        {
            Bootstrap = options.Bootstrap,
            CapturedAt = clock.UtcNow,
            Window = window,
            SampleLimit = options.Sample,
            Brokers = metadata.Brokers.Count,
            SkippedTopics = skipped,
            Groups = groups,
            Topics = topics.Select(t => Profile(t.Topic, t.Partitions, configs, start, end, readings[t.Topic], window, sampler.Samples[t.Topic])).ToList(),
        };
    }

    private static TopicProfile Profile(string topic, int partitions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> configs,
        IReadOnlyDictionary<TopicPartition, long> start, IReadOnlyDictionary<TopicPartition, long> end,
        List<(TimeSpan At, long Total)> readings, TimeSpan window, TopicSample sample)
    {
        var records = Math.Max(0, Total(end, topic) - Total(start, topic));
        return new TopicProfile
        {
            Name = topic,
            Partitions = partitions,
            Configs = configs.GetValueOrDefault(topic) ?? new Dictionary<string, string>(),
            Records = records,
            Rate = records / window.TotalSeconds,
            PerSecond = RateSeries.PerSecond(readings, window),
            Sampled = sample.Records,
            Size = SizeEstimator.Estimate(sample.Sizes.ToList()),
            Keys = KeyEstimator.Estimate(sample.Keys),
            HeaderCount = sample.Records == 0 ? 0 : (double)sample.Headers / sample.Records,
            HeaderSize = sample.Headers == 0 ? 0 : (double)sample.HeaderBytes / sample.Headers,
        };
    }

    private static long Total(IReadOnlyDictionary<TopicPartition, long> offsets, string topic) =>
        offsets.Where(o => o.Key.Topic == topic).Sum(o => o.Value);

    private static IAdminClient Build(CaptureOptions options)
    {
        try
        {
            return new AdminClientBuilder(CaptureClients.Admin(options)).SetLogHandler((_, _) => { }).Build();
        }
        catch (ArgumentException e)
        {
            throw new HarnessException($"client settings refused: {e.Message}", ExitCodes.Environment, e);
        }
    }

    private static async Task<Dictionary<string, IReadOnlyDictionary<string, string>>> ReadConfigsAsync(IAdminClient admin, List<string> topics, CaptureOptions options)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (topics.Count == 0)
        {
            return result;
        }

        var described = await admin.DescribeConfigsAsync(
            topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }),
            new DescribeConfigsOptions { RequestTimeout = options.RequestTimeout }).ConfigureAwait(false);
        foreach (var resource in described)
        {
            // Only what was set on the topic itself: defaults and broker-wide values come with any cluster.
            result[resource.ConfigResource.Name] = resource.Entries.Values
                .Where(e => e.Source == ConfigSource.DynamicTopicConfig && !e.IsDefault && !e.IsSensitive && e.Value is not null)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        }

        return result;
    }

    private static async Task<Dictionary<TopicPartition, long>> ListOffsetsAsync(IAdminClient admin, List<TopicPartition> partitions, OffsetSpec spec, CaptureOptions options)
    {
        var result = new Dictionary<TopicPartition, long>();
        if (partitions.Count == 0)
        {
            return result;
        }

        var answer = await admin.ListOffsetsAsync(
            partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = spec }),
            new ListOffsetsOptions { RequestTimeout = options.RequestTimeout }).ConfigureAwait(false);
        foreach (var info in answer.ResultInfos)
        {
            var offset = info.TopicPartitionOffsetError;
            result[offset.TopicPartition] = offset.Offset.Value;
        }

        return result;
    }

    private static async Task<List<GroupProfile>> ReadGroupsAsync(IAdminClient admin, HashSet<string> topics, IReadOnlyDictionary<TopicPartition, long> end, CaptureOptions options)
    {
        var listed = await ConsumerGroupIds.ListAsync(admin, options.RequestTimeout).ConfigureAwait(false);
        var groups = new List<GroupProfile>();
        foreach (var group in listed)
        {
            // librdkafka answers one group per request; a group that cannot be read (deleted meanwhile, not
            // authorised) is left out rather than failing the whole capture.
            List<ListConsumerGroupOffsetsResult> offsets;
            try
            {
                offsets = await admin.ListConsumerGroupOffsetsAsync(
                    [new ConsumerGroupTopicPartitions(group, null)],
                    new ListConsumerGroupOffsetsOptions { RequestTimeout = options.RequestTimeout }).ConfigureAwait(false);
            }
            catch (ListConsumerGroupOffsetsException)
            {
                continue;
            }

            var committed = offsets.SelectMany(o => o.Partitions)
                .Where(p => !p.Error.IsError && p.Offset.Value >= 0 && topics.Contains(p.Topic))
                .ToList();
            if (committed.Count == 0)
            {
                continue;
            }

            groups.Add(new GroupProfile
            {
                Group = group,
                Topics = committed.Select(p => p.Topic).Distinct().Order(StringComparer.Ordinal).ToList(),
                Committed = committed.Sum(p => p.Offset.Value),
                End = committed.Sum(p => end.GetValueOrDefault(p.TopicPartition)),
                Lag = committed.Sum(p => Math.Max(0, end.GetValueOrDefault(p.TopicPartition) - p.Offset.Value)),
            });
        }

        return groups;
    }

    private static T Call<T>(CaptureOptions options, string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (KafkaException e)
        {
            throw new HarnessException($"cannot {what} at {options.Bootstrap}: {e.Error.Reason}; check that the cluster is up and the bootstrap servers and client settings are right", ExitCodes.Environment, e);
        }
    }

    private static async Task<T> CallAsync<T>(CaptureOptions options, string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            throw new HarnessException($"cannot {what} at {options.Bootstrap}: {e.Error.Reason}; check that the cluster is up and the bootstrap servers and client settings are right", ExitCodes.Environment, e);
        }
    }
}
