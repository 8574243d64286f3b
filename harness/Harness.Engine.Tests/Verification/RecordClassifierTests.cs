using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

/// <summary>The verification rules one record at a time, with no broker: each rule, and the records that must not trip it.</summary>
/// <remarks>A classifier keeps its streams: every test starts from a fresh one.</remarks>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RecordClassifierTests
{
    private const ulong RunId = 0xfeed;
    private const long Time = 1_700_000_000_000;
    private static readonly VerifiedTopic[] Topics = [new("orders", "src.orders", 3), new("payments", "src.payments", 2)];
    private static readonly byte[] Key = "key-1"u8.ToArray();
    private static readonly byte[] Value = "value-1"u8.ToArray();

    private readonly RecordClassifier _rules = new(Topics, RunId);

    private static RecordStamp StampOf(long sequence, ushort topic = 0, int partition = 0, ushort producer = 0, ulong runId = RunId) =>
        new(runId, topic, producer, partition, sequence, Time + sequence, RecordStamp.HashContent(Key, Value));

    /// <summary>A record read in <paramref name="topic"/>/<paramref name="partition"/> carrying <paramref name="stamp"/>'s bytes, the stamped content and time.</summary>
    private static ConsumedRecord Read(RecordStamp stamp, ushort topic = 0, int partition = 0, byte[]? value = null, long? timestamp = null) =>
        Read(stamp.Encode(), topic, partition, value, timestamp ?? stamp.TimestampMs);

    private static ConsumedRecord Read(byte[] stamp, ushort topic, int partition, byte[]? value, long timestamp) =>
        new(topic, partition, hasStamp: true, stamp, Key, value ?? Value, timestamp);

    private RecordVerdict ReadInOrder(params long[] sequences)
    {
        var last = default(RecordVerdict);
        foreach (var sequence in sequences)
        {
            last = _rules.Classify(Read(StampOf(sequence)));
        }

        return last;
    }

    [Test]
    public void A_sound_copy_in_its_home_partition_is_clean_and_advances_its_stream()
    {
        var verdict = _rules.Classify(Read(StampOf(0, topic: 1, partition: 1, producer: 2), topic: 1, partition: 1));

        verdict.Anomaly.Should().BeNull();
        verdict.Fault.Should().Be(RecordFault.None);
        verdict.Stream!.Key.Should().Be(new LedgerKey("payments", 1, 2));
        verdict.Stream.Seen(0).Should().BeTrue();
    }

    [Test]
    public void A_record_without_a_stamp_is_unexpected_and_belongs_to_no_stream()
    {
        var verdict = _rules.Classify(new ConsumedRecord(0, 0, hasStamp: false, default, Key, Value, Time));

        verdict.Anomaly.Should().Be(AnomalyClass.Unexpected);
        verdict.Fault.Should().Be(RecordFault.NoStamp);
        verdict.Stream.Should().BeNull();
        _rules.Describe(verdict).Should().Be("record has no harness stamp");
    }

    [Test]
    public void A_sound_stamp_of_another_run_is_unexpected_not_corrupted()
    {
        var verdict = _rules.Classify(Read(StampOf(0, runId: 0xbad)));

        verdict.Anomaly.Should().Be(AnomalyClass.Unexpected);
        verdict.Fault.Should().Be(RecordFault.OtherRun);
        verdict.Stream.Should().BeNull();
        _rules.Describe(verdict).Should().Be("stamp of another run (bad)");
    }

    [TestCase((ushort)0, 3, TestName = "A stamp of a partition the topic does not have is unexpected")]
    [TestCase((ushort)0, -1, TestName = "A stamp of a negative partition is unexpected")]
    [TestCase((ushort)2, 0, TestName = "A stamp of a topic index the run does not have is unexpected")]
    public void A_stamp_of_this_run_naming_no_source_partition_is_unexpected(ushort topic, int partition)
    {
        var verdict = _rules.Classify(Read(StampOf(0, topic, partition)));

        verdict.Anomaly.Should().Be(AnomalyClass.Unexpected);
        verdict.Fault.Should().Be(RecordFault.NoSourcePartition);
        _rules.Describe(verdict).Should().Be("stamp names no source partition of this run");
    }

    [Test]
    public void Stamp_bytes_that_do_not_decode_are_corrupted_beyond_attribution()
    {
        foreach (var bytes in new[] { Array.Empty<byte>(), StampOf(0).Encode()[..^1], [2, .. StampOf(0).Encode()[1..]] })
        {
            var verdict = _rules.Classify(Read(bytes, 0, 0, null, Time));

            verdict.Anomaly.Should().Be(AnomalyClass.Corrupted, "{0} bytes starting {1}", bytes.Length, bytes.FirstOrDefault());
            verdict.Fault.Should().Be(RecordFault.Unattributable);
            verdict.Stream.Should().BeNull();
        }
    }

    [Test]
    public void A_damaged_stamp_whose_run_does_not_match_is_corrupted_not_unexpected()
    {
        var bytes = StampOf(0).Encode();
        bytes[1] ^= 0x40;

        var verdict = _rules.Classify(Read(bytes, 0, 0, null, Time));

        verdict.Anomaly.Should().Be(AnomalyClass.Corrupted, "a failed checksum means the run id cannot be believed either");
        verdict.Fault.Should().Be(RecordFault.Unattributable);
    }

    [Test]
    public void A_damaged_stamp_that_still_names_a_stream_of_this_run_is_charged_to_that_stream()
    {
        var bytes = StampOf(4).Encode();
        bytes[^1] ^= 1;

        var verdict = _rules.Classify(Read(bytes, 0, 0, null, Time + 4));

        verdict.Anomaly.Should().Be(AnomalyClass.Corrupted);
        verdict.Fault.Should().Be(RecordFault.StampChanged);
        verdict.Stream!.Key.Should().Be(new LedgerKey("orders", 0, 0));
        verdict.Stream.LostSequences(Ledgers.Acknowledged(5)).Should().Equal([0L, 1, 2, 3], "sequence 4 reached the target, damaged");
    }

    [Test]
    public void A_stamp_for_another_partition_of_the_topic_is_misrouted_and_not_lost()
    {
        var verdict = _rules.Classify(Read(StampOf(0, partition: 1), partition: 2));

        verdict.Anomaly.Should().Be(AnomalyClass.Misrouted);
        verdict.Fault.Should().Be(RecordFault.Misrouted);
        verdict.Stream!.Key.Should().Be(new LedgerKey("orders", 1, 0), "the record is charged to the partition its stamp names");
        verdict.Stream.Seen(0).Should().BeFalse("a misrouted copy is no copy in the home partition");
        verdict.Stream.LostSequences(Ledgers.Acknowledged(1)).Should().BeEmpty();
        _rules.Describe(verdict).Should().Be("expected in src.orders/1");
    }

    [Test]
    public void A_stamp_for_another_topic_is_misrouted_even_in_the_same_partition_number()
    {
        var verdict = _rules.Classify(Read(StampOf(0, topic: 1, partition: 0), topic: 0, partition: 0));

        verdict.Anomaly.Should().Be(AnomalyClass.Misrouted);
        _rules.Describe(verdict).Should().Be("expected in src.payments/0");
    }

    [Test]
    public void A_record_in_a_partition_the_source_lacks_is_misrouted_to_where_its_stamp_says()
    {
        var verdict = _rules.Classify(Read(StampOf(0, partition: 2), partition: 7));

        verdict.Anomaly.Should().Be(AnomalyClass.Misrouted);
        verdict.Stream!.Key.Partition.Should().Be(2);
    }

    [Test]
    public void A_value_that_does_not_hash_to_the_stamps_content_hash_is_corrupted()
    {
        var verdict = _rules.Classify(Read(StampOf(0), value: "value-2"u8.ToArray()));

        verdict.Anomaly.Should().Be(AnomalyClass.Corrupted);
        verdict.Fault.Should().Be(RecordFault.ContentChanged);
        verdict.Stream!.Seen(0).Should().BeFalse();
        verdict.Stream.LostSequences(Ledgers.Acknowledged(1)).Should().BeEmpty("the corrupted copy accounts for the sequence");
        _rules.Describe(verdict).Should().Be("key or value differs from what was produced");
    }

    [Test]
    public void A_changed_key_is_corrupted_too()
    {
        var verdict = _rules.Classify(new ConsumedRecord(0, 0, hasStamp: true, StampOf(0).Encode(), "key-2"u8, Value, Time));

        verdict.Fault.Should().Be(RecordFault.ContentChanged);
    }

    [Test]
    public void A_timestamp_other_than_the_produce_time_is_corrupted()
    {
        var verdict = _rules.Classify(Read(StampOf(0), timestamp: Time + 1000));

        verdict.Anomaly.Should().Be(AnomalyClass.Corrupted);
        verdict.Fault.Should().Be(RecordFault.TimestampChanged);
        _rules.Describe(verdict).Should().Be($"timestamp {Time + 1000} differs from the produced {Time}");
    }

    [Test]
    public void A_second_copy_of_a_sequence_is_a_duplicate()
    {
        var verdict = ReadInOrder(0, 1, 1);

        verdict.Anomaly.Should().Be(AnomalyClass.Duplicated);
        verdict.Fault.Should().Be(RecordFault.None, "the copy itself is sound");
        verdict.Stream!.Duplicated.Should().Be(1);
        _rules.Describe(verdict).Should().Be("already seen on the target");
    }

    [Test]
    public void A_gap_is_no_anomaly_while_reading_and_lost_at_the_end_if_never_filled()
    {
        var verdict = ReadInOrder(0, 3);

        verdict.Anomaly.Should().BeNull("the missing sequences may still arrive");
        verdict.Stream!.LostSequences(Ledgers.Acknowledged(4)).Should().Equal(1, 2);
    }

    [Test]
    public void A_sequence_filling_a_gap_late_is_reordered_and_not_lost()
    {
        var verdict = ReadInOrder(0, 2, 1);

        verdict.Anomaly.Should().Be(AnomalyClass.Reordered);
        verdict.Stream!.Reordered.Should().Be(1);
        verdict.Stream.LostSequences(Ledgers.Acknowledged(3)).Should().BeEmpty();
        _rules.Describe(verdict).Should().Be("arrived after a later sequence");
    }

    [Test]
    public void Producers_interleaved_in_one_partition_keep_streams_of_their_own()
    {
        foreach (var (sequence, producer) in new[] { (0L, (ushort)0), (0L, (ushort)1), (1L, (ushort)0), (1L, (ushort)1) })
        {
            _rules.Classify(Read(StampOf(sequence, producer: producer))).Anomaly.Should().BeNull("sequence {0} of producer {1}", sequence, producer);
        }

        _rules.Stream(new LedgerKey("orders", 0, 1)).FirstCopies.Should().Be(2);
    }

    [Test]
    public void A_stream_with_no_copy_read_is_there_empty_for_the_final_count()
    {
        var stream = _rules.Stream(new LedgerKey("payments", 1, 0));

        stream.FirstCopies.Should().Be(0);
        stream.LostSequences(Ledgers.Acknowledged(2)).Should().Equal(0, 1);
    }

    [Test]
    public void Judging_clean_records_allocates_nothing()
    {
        var stamps = Enumerable.Range(0, 2000).Select(s => StampOf(s).Encode()).ToArray();
        for (var s = 0; s < 1000; s++)
        {
            // Warms the path up, so what the JIT's tiers do is not counted.
            _rules.Classify(Read(stamps[s], 0, 0, null, Time + s));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var s = 1000; s < stamps.Length; s++)
        {
            _rules.Classify(Read(stamps[s], 0, 0, null, Time + s));
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
