using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// The verifier reads records in place in librdkafka's memory: keys, values and headers as librdkafka holds them
/// (null or empty, missing, repeated, foreign) must be classified as they were when Confluent.Kafka's consumer
/// handed them over as arrays.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
public sealed class NativeReadPathTests
{
    private const int Partitions = 2;

    [Test]
    public async Task A_record_without_headers_or_with_only_a_foreign_header_is_unexpected()
    {
        var outcome = await VerifyAsync(
            new TargetRecord(0, null, [1], TargetRecord.Time, [], null),
            new TargetRecord(0, [2], [3], TargetRecord.Time, [("trace-id", [4, 5])], null),
            TargetRecord.Stamped(0, 0, value: [6]));

        Counts(outcome.Result).Should().Be((1L, 0L, 0L, 0L, 2L));
        outcome.Result.Examples.Where(e => e.Class == AnomalyClass.Unexpected).Select(e => (e.TargetOffset, e.Detail))
            .Should().Equal((0L, "record has no harness stamp"), (1L, "record has no harness stamp"));
    }

    [Test]
    public async Task Null_and_empty_keys_and_values_hash_alike_and_are_delivered()
    {
        var outcome = await VerifyAsync(
            TargetRecord.Stamped(1, 0),
            TargetRecord.Stamped(1, 1, key: [], value: []),
            TargetRecord.Stamped(1, 2, key: "key-000001"u8.ToArray(), value: new byte[200]),
            TargetRecord.Stamped(1, 3, key: null, value: [7]));

        Counts(outcome.Result).Should().Be((4L, 0L, 0L, 0L, 0L));
        outcome.Result.Partitions.Single(p => p.Partition == 1).Replicated.Should().Be(4);
        outcome.Result.Examples.Should().BeEmpty();
    }

    [Test]
    public async Task The_last_stamp_header_is_the_one_read()
    {
        var garbage = new byte[RecordStamp.Size];
        var outcome = await VerifyAsync(
            new TargetRecord(0, null, [1], TargetRecord.Time, [(RecordStamp.HeaderKey, garbage), ("trace-id", [9]), (RecordStamp.HeaderKey, TargetRecord.Stamp(0, 0, null, [1]))], (0, 0)),
            new TargetRecord(0, null, [2], TargetRecord.Time + 1, [(RecordStamp.HeaderKey, TargetRecord.Stamp(0, 1, null, [2])), (RecordStamp.HeaderKey, garbage)], (0, 1)));

        // The second record's last stamp is unreadable: it cannot be attributed, so its sequence is also lost.
        Counts(outcome.Result).Should().Be((1L, 1L, 1L, 0L, 0L));
        outcome.Result.Examples.Single(e => e.Class == AnomalyClass.Corrupted).Should().Match<AnomalyExample>(e => e.TargetOffset == 1 && e.Detail == "stamp is damaged beyond attribution");
    }

    [Test]
    public async Task A_changed_stamp_byte_is_corrupted_at_home_and_a_null_stamp_is_corrupted_unattributed()
    {
        var damaged = TargetRecord.Stamp(0, 1, null, [2]);
        damaged[30] ^= 0x01; // a timestamp byte: the fields still decode, the CRC no longer matches
        var outcome = await VerifyAsync(
            TargetRecord.Stamped(0, 0, value: [1]),
            new TargetRecord(0, null, [2], TargetRecord.Time + 1, [(RecordStamp.HeaderKey, damaged)], (0, 1)),
            TargetRecord.Stamped(0, 2, value: [3]),
            new TargetRecord(0, null, [4], TargetRecord.Time, [(RecordStamp.HeaderKey, null)], null));

        Counts(outcome.Result).Should().Be((2L, 0L, 2L, 0L, 0L));
        outcome.Result.Examples.Where(e => e.Class == AnomalyClass.Corrupted).Select(e => (e.TargetOffset, e.Sequence, e.Detail))
            .Should().Equal((1L, 1L, "stamp bytes changed"), (3L, -1L, "stamp is damaged beyond attribution"));
    }

    [Test]
    public async Task A_value_or_timestamp_changed_after_stamping_is_corrupted()
    {
        var outcome = await VerifyAsync(
            TargetRecord.Stamped(0, 0, value: [1]) with { Value = [2] },
            TargetRecord.Stamped(0, 1, value: [3]) with { TimestampMs = TargetRecord.Time + 99 },
            TargetRecord.Stamped(0, 2, value: [4]));

        Counts(outcome.Result).Should().Be((1L, 0L, 2L, 0L, 0L));
        outcome.Result.Examples.Select(e => e.Detail).Should().Equal(
            "key or value differs from what was produced", $"timestamp {TargetRecord.Time + 99} differs from the produced {TargetRecord.Time + 1}");
    }

    [Test]
    public async Task A_stamp_of_another_run_is_unexpected_and_a_stamp_of_the_other_partition_is_misrouted()
    {
        var outcome = await VerifyAsync(
            new TargetRecord(0, null, [1], TargetRecord.Time, [(RecordStamp.HeaderKey, TargetRecord.Stamp(0, 0, null, [1], runId: 0xbad))], null),
            new TargetRecord(0, null, [2], TargetRecord.Time, [(RecordStamp.HeaderKey, TargetRecord.Stamp(1, 0, null, [2]))], (1, 0)),
            TargetRecord.Stamped(1, 1, value: [3]));

        Counts(outcome.Result).Should().Be((1L, 0L, 0L, 1L, 1L));
        outcome.Result.Partitions.Single(p => p.Partition == 1).Misrouted.Should().Be(1, "a misrouted copy is charged to its home partition");
        outcome.Result.Examples.Select(e => e.Detail).Should().Equal("stamp of another run (bad)", $"expected in {TargetRecord.Topic}/1");
    }

    [Test]
    public async Task A_value_stamp_is_read_and_its_hash_covers_the_value_after_it()
    {
        var outcome = await VerifyAsync(
            TargetRecord.ValueStamped(0, 0, key: "key-000001"u8.ToArray(), content: new byte[155]),
            TargetRecord.ValueStamped(0, 1, content: []),
            TargetRecord.ValueStamped(1, 0, content: [1, 2, 3]));

        Counts(outcome.Result).Should().Be((3L, 0L, 0L, 0L, 0L));
        outcome.Result.Examples.Should().BeEmpty();
    }

    [Test]
    public async Task A_changed_byte_in_a_stamped_value_is_corrupted_as_content_or_stamp_and_a_changed_marker_leaves_no_stamp()
    {
        var content = TargetRecord.ValueStamped(0, 0, content: [1, 2, 3]);
        var stampByte = TargetRecord.ValueStamped(0, 1, content: [4]);
        var marker = TargetRecord.ValueStamped(0, 2, content: [5]);
        var outcome = await VerifyAsync(
            content with { Value = Flipped(content.Value!, ^1) },
            stampByte with { Value = Flipped(stampByte.Value!, 4 + 30) },
            marker with { Value = Flipped(marker.Value!, 0) },
            TargetRecord.ValueStamped(0, 3, content: [6]));

        // The third record carries no stamp any more: unexpected, and its sequence is lost.
        Counts(outcome.Result).Should().Be((1L, 1L, 2L, 0L, 1L));
        outcome.Result.Examples.Where(e => e.Class is AnomalyClass.Corrupted or AnomalyClass.Unexpected).Select(e => (e.TargetOffset, e.Detail)).Should().Equal(
            (0L, "key or value differs from what was produced"), (1L, "stamp bytes changed"), (2L, "record has no harness stamp"));
    }

    [Test]
    public async Task A_stamp_header_is_read_before_a_value_stamp()
    {
        // A header-stamped record whose value happens to start like a value stamp (of another sequence).
        var lookalike = TargetRecord.ValueStamped(0, 7, content: [9]).Value!;
        var outcome = await VerifyAsync(
            TargetRecord.Stamped(0, 0, value: lookalike),
            TargetRecord.ValueStamped(0, 1, content: [8]));

        Counts(outcome.Result).Should().Be((2L, 0L, 0L, 0L, 0L));
    }

    private static byte[] Flipped(byte[] value, Index at)
    {
        var copy = value.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    /// <summary>Replicated, lost, corrupted, misrouted and unexpected records, in that order.</summary>
    private static (long Replicated, long Lost, long Corrupted, long Misrouted, long Unexpected) Counts(VerificationResult result) =>
        (result.Replicated, result.Lost, result.Corrupted, result.Misrouted, result.Unexpected);

    /// <summary>Writes the records into a fresh target, in order, and verifies it to its end.</summary>
    private static async Task<VerificationOutcome> VerifyAsync(params TargetRecord[] records)
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target", Brokers = 1 });
        cluster.CreateTopic(TargetRecord.Topic, Partitions);
        var ledger = new Ledger();
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build())
        {
            foreach (var record in records)
            {
                await producer.ProduceAsync(new TopicPartition(TargetRecord.Topic, record.Partition), record.ToMessage());
                if (record.Acknowledged is { } acknowledged)
                {
                    ledger.For(TargetRecord.Topic, acknowledged.Partition, 0).Acknowledged(acknowledged.Sequence, acknowledged.Sequence);
                }
            }
        }

        var ends = Enumerable.Range(0, Partitions).ToDictionary(p => (TargetRecord.Topic, p), p => cluster.HighWatermark(TargetRecord.Topic, p));
        using var verifier = new StreamingVerifier([new VerifiedTopic(TargetRecord.Topic, TargetRecord.Topic, Partitions)], ledger, TargetRecord.RunId,
            cluster.BootstrapServers, new LatencyRecorder());
        verifier.Start();
        var outcome = await verifier.FinishAsync(ends, TimeSpan.FromSeconds(60), CancellationToken.None);
        outcome.Complete.Should().BeTrue(string.Join("; ", outcome.Unread));
        verifier.RecordsRead.Should().Be(records.Length);
        return outcome;
    }
}
