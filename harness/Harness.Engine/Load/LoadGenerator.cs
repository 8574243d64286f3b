using Harness.Engine.Scenarios;

namespace Harness.Engine.Load;

/// <summary>Runs every topic's producers of a scenario concurrently and fills the <see cref="Ledger"/>.</summary>
public sealed class LoadGenerator
{
    private readonly Scenario _scenario;
    private readonly string _bootstrap;
    private readonly ulong _runId;

    /// <summary>Creates the generator for <paramref name="scenario"/> against the source cluster.</summary>
    public LoadGenerator(Scenario scenario, string bootstrap, ulong runId)
    {
        _scenario = scenario;
        _bootstrap = bootstrap;
        _runId = runId;
    }

    /// <summary>Acknowledged records, per topic, partition and producer.</summary>
    public Ledger Ledger { get; } = new();

    /// <summary>Live counters.</summary>
    public LoadCounters Counters { get; } = new();

    /// <summary>Records the whole scenario will send.</summary>
    public long PlannedRecords => _scenario.Topics.Sum(t => t.CreateSchedule()?.Total ?? t.Records ?? 0);

    /// <summary>Sends every topic's schedule; returns when all are sent and acknowledged (or cancelled).</summary>
    public Task RunAsync(CancellationToken cancellation)
    {
        var seed = _scenario.Seed ?? 1;
        var values = new ValueSource(seed);
        var tasks = new List<Task>();
        for (var t = 0; t < _scenario.Topics.Count; t++)
        {
            var topic = _scenario.Topics[t];
            var schedule = topic.CreateSchedule()
                ?? throw new ScenarioException($"topic '{topic.Name}': a closed-model rate (keepConstant) is not supported by the load generator yet; use a rate shape");
            for (var p = 0; p < topic.Producers; p++)
            {
                var share = topic.Producers == 1 ? schedule : schedule.ForShare(p, topic.Producers);
                var producer = new TopicProducer(topic, (ushort)t, (ushort)p, _runId, share, seed, values, Ledger, Counters, _bootstrap);
                tasks.Add(Task.Run(() => producer.RunAsync(cancellation), cancellation));
            }
        }

        return Task.WhenAll(tasks);
    }
}
