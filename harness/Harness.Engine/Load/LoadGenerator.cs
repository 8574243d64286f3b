using Harness.Engine.Clients;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Load;

/// <summary>Runs every topic's producers of a scenario concurrently and fills the <see cref="Ledger"/>.</summary>
public sealed class LoadGenerator
{
    private readonly Scenario _scenario;
    private readonly KafkaEndpoint _bootstrap;
    private readonly ulong _runId;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, LoadCounters> _topicCounters;

    /// <summary>Creates the generator for <paramref name="scenario"/> against the source cluster.</summary>
    /// <param name="scenario">The topics and their load.</param>
    /// <param name="bootstrap">The source cluster's bootstrap servers.</param>
    /// <param name="runId">The run id stamped into every record.</param>
    /// <param name="time">Paces the schedule and stamps the records; <see cref="TimeProvider.System"/> when null.</param>
    public LoadGenerator(Scenario scenario, KafkaEndpoint bootstrap, ulong runId, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _scenario = scenario;
        _bootstrap = bootstrap;
        _runId = runId;
        _topicCounters = scenario.Topics.ToDictionary(t => t.Name, _ => new LoadCounters(Counters), StringComparer.Ordinal);
    }

    /// <summary>Acknowledged records, per topic, partition and producer.</summary>
    public Ledger Ledger { get; } = new();

    /// <summary>Live counters of the whole load.</summary>
    public LoadCounters Counters { get; } = new();

    /// <summary>Live counters of each topic (their sums are <see cref="Counters"/>).</summary>
    public IReadOnlyDictionary<string, LoadCounters> TopicCounters => _topicCounters;

    /// <summary>Records the whole scenario will send; for a closed model, its record limit if it has one (else 0: unknown).</summary>
    public long PlannedRecords => _scenario.Topics.Sum(t => t.CreateSchedule()?.Total ?? t.Records ?? 0);

    /// <summary>Sends every topic's load; returns when all is sent and acknowledged (or cancelled).</summary>
    public Task RunAsync(CancellationToken cancellation)
    {
        var seed = _scenario.Seed ?? 1;
        var values = ValueSource.For(seed);
        var clock = new RunClock(_time);
        var tasks = new List<Task>();
        for (var t = 0; t < _scenario.Topics.Count; t++)
        {
            var topic = _scenario.Topics[t];
            for (var p = 0; p < topic.Producers; p++)
            {
                var producer = new TopicProducer(topic, (ushort)t, (ushort)p, topic.Producers, _runId, seed, values, Ledger, _topicCounters[topic.Name], clock, _bootstrap);

                // Each producer sleeps in librdkafka's queue between sends: a thread of its own keeps those waits
                // off the thread pool the rest of the run depends on.
                tasks.Add(Task.Factory.StartNew(() => producer.Run(cancellation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
        }

        return Task.WhenAll(tasks);
    }
}
