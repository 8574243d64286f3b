using System.Diagnostics;
using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Tests.Faults;

/// <summary>
/// Faults applied to the embedded broker in the middle of an idempotent acks=all stream. Whatever the fault, the
/// producer and consumer must end with nothing lost, duplicated or reordered, and the log must hold each record once.
/// </summary>
[Category("Integration")]
public sealed class BrokerFaultTests
{
    private const string Topic = "sequenced";
    private const int Partitions = 6;
    private const int Total = 30_000;
    private const int Rate = 10_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public Task Killing_a_partition_leader_mid_stream_and_restarting_it_loses_nothing() => RunAsync(async (cluster, stream) =>
    {
        var leader = cluster.LeaderOf(Topic, 0);
        var before = cluster.HighWatermark(Topic, 0);
        cluster.KillBroker(leader);
        cluster.LeaderOf(Topic, 0).Should().NotBe(leader);
        (await WaitUntilAsync(() => cluster.HighWatermark(Topic, 0) > before + 500)).Should().BeTrue("partition 0 keeps taking writes on its new leader");
        cluster.RestartBroker(leader);
        (await stream.WaitForAcknowledgedAsync(Total * 3 / 4, Deadline)).Should().BeTrue();
    });

    [Test]
    public Task Injected_not_leader_errors_on_produce_are_retried_without_loss() => RunAsync(async (cluster, stream) =>
    {
        cluster.InjectErrors(ApiKey.Produce, ErrorCode.NotLeaderOrFollower, 5);
        (await WaitUntilAsync(() => cluster.PendingFaults == 0)).Should().BeTrue("every broker refuses five produce requests");
        await ProgressAsync(stream);
    });

    [Test]
    public Task Injected_request_timeouts_on_produce_after_the_append_are_deduplicated() => RunAsync(async (cluster, stream) =>
    {
        cluster.InjectErrors(ApiKey.Produce, ErrorCode.RequestTimedOut, 5);
        (await WaitUntilAsync(() => cluster.PendingFaults == 0)).Should().BeTrue("every broker times out five produce requests");
        await ProgressAsync(stream);
        cluster.DuplicateBatchesAbsorbed.Should().BePositive("the timed-out batches were written, so their retries are duplicates");
    });

    [Test]
    public Task Resetting_the_connections_of_a_leader_repeatedly_loses_nothing() => RunAsync(async (cluster, stream) =>
    {
        var leader = cluster.LeaderOf(Topic, 0);
        for (var round = 0; round < 3; round++)
        {
            var before = cluster.HighWatermark(Topic, 0);
            cluster.ResetConnections(leader);
            (await WaitUntilAsync(() => cluster.HighWatermark(Topic, 0) > before + 100)).Should().BeTrue($"partition 0 takes writes again after reset {round + 1}");
        }
    });

    [Test]
    public Task Responses_lost_after_the_work_was_done_are_retried_and_deduplicated() => RunAsync(async (cluster, stream) =>
    {
        foreach (var broker in cluster.Brokers)
        {
            cluster.DropResponses(broker.Id, 3, ApiKey.Produce);
        }

        (await WaitUntilAsync(() => cluster.PendingFaults == 0)).Should().BeTrue("every broker loses three produce responses");
        await ProgressAsync(stream);
        cluster.DuplicateBatchesAbsorbed.Should().BePositive("the batches of the lost responses were written, so their retries are duplicates");
    });

    [Test]
    public Task A_hung_leader_that_resumes_after_client_timeouts_loses_nothing() => RunAsync(
        async (cluster, stream) =>
        {
            var leader = cluster.LeaderOf(Topic, 0);
            cluster.HangBroker(leader);
            (await WaitUntilAsync(() => stream.ClientLog.Any(l => l.Contains("Timed out", StringComparison.Ordinal)), TimeSpan.FromSeconds(20)))
                .Should().BeTrue("the clients time out their requests to the hung broker");
            var before = cluster.HighWatermark(Topic, 0);
            cluster.ResumeBroker(leader);
            (await WaitUntilAsync(() => cluster.HighWatermark(Topic, 0) > before + 100)).Should().BeTrue("partition 0 takes writes again after the resume");
        },
        config =>
        {
            config.SocketTimeoutMs = 2_000;
            config.Set("request.timeout.ms", "2000");
        });

    [Test]
    public Task Lost_responses_of_any_request_are_survived() => RunAsync(async (cluster, stream) =>
    {
        foreach (var broker in cluster.Brokers)
        {
            cluster.DropResponses(broker.Id, 5);
        }

        (await WaitUntilAsync(() => cluster.PendingFaults == 0)).Should().BeTrue("every broker loses five responses");
        await ProgressAsync(stream);
    });

    [Test]
    public Task Latency_on_every_broker_slows_but_does_not_disturb_the_stream() => RunAsync(async (cluster, stream) =>
    {
        foreach (var broker in cluster.Brokers)
        {
            cluster.SetLatency(broker.Id, TimeSpan.FromMilliseconds(150));
        }

        await ProgressAsync(stream);
        foreach (var broker in cluster.Brokers)
        {
            cluster.SetLatency(broker.Id, TimeSpan.Zero);
        }
    });

    [Test]
    public Task Moving_every_partition_leader_mid_stream_loses_nothing() => RunAsync(async (cluster, stream) =>
    {
        for (var round = 0; round < 3; round++)
        {
            for (var p = 0; p < Partitions; p++)
            {
                var epoch = cluster.LeaderEpochOf(Topic, p);
                cluster.MoveLeader(Topic, p);
                cluster.LeaderEpochOf(Topic, p).Should().BeGreaterThan(epoch);
            }

            await ProgressAsync(stream, Total / 10);
        }
    });

    private static async Task RunAsync(Func<EmbeddedCluster, SequencedStream, Task> fault, Action<Confluent.Kafka.ClientConfig>? tune = null)
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic(Topic, Partitions);
        var stream = SequencedStream.Start(cluster, Topic, Partitions, Total, Rate, tune);
        (await stream.WaitForAcknowledgedAsync(Total / 4, Deadline)).Should().BeTrue("the stream gets going before the fault");

        await fault(cluster, stream);

        var verdict = await stream.FinishAsync(Deadline);
        verdict.Clean.Should().BeTrue(verdict.ToString());
        cluster.InternalErrors.Should().Be(0);
    }

    private static async Task ProgressAsync(SequencedStream stream, long records = Total / 4) =>
        (await stream.WaitForAcknowledgedAsync(stream.Acknowledged + records, Deadline)).Should().BeTrue("the stream keeps going during the fault");

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (timeout ?? Deadline))
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
