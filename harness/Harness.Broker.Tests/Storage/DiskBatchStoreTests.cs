using Harness.Broker.Protocol;
using Harness.Broker.Records;
using Harness.Broker.Storage;

namespace Harness.Broker.Tests.Storage;

/// <summary>
/// A partition's log on disk against the same log in memory: the same appends must give the same bytes back for every
/// read, while the disk log keeps segment files with sparse indexes and removes whole segments.
/// </summary>
public sealed class DiskBatchStoreTests
{
    private const long Now = 1_800_000_000_000;
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("disk-store-test-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Reads_from_any_offset_with_any_budget_return_the_bytes_the_memory_log_returns()
    {
        var config = TopicConfig.Default with { SegmentBytes = 20_000 };
        using var memory = new PartitionLog();
        using var disk = DiskLog(tailCacheBytes: 0);
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var batch = TestBatches.Build(random.Next(1, 20), Now + i, random.Next(10, 400));
            Append(memory, batch.ToArray(), config);
            Append(disk, batch, config);
        }

        var end = memory.HighWatermark;
        disk.HighWatermark.Should().Be(end);
        Segments().Should().HaveCountGreaterThan(5, "20 kB segments roll many times");
        foreach (var maxBytes in new[] { 1, 100, 5_000, 64_000, 10_000_000 })
        {
            for (var offset = 0L; offset <= end; offset += random.Next(1, 60))
            {
                Read(disk, offset, maxBytes).Should().Equal(Read(memory, offset, maxBytes), $"offset {offset}, max bytes {maxBytes}");
            }
        }

        // A consumer reading on from where it stopped (the read hints) sees the same as one that looks every offset up.
        var position = 0L;
        var streamed = new List<byte>();
        while (position < end)
        {
            var chunk = Read(disk, position, 30_000);
            streamed.AddRange(chunk);
            position = LastOffset(chunk) + 1;
        }

        streamed.Should().Equal(Read(memory, 0, int.MaxValue));
    }

    [Test]
    public void Segments_keep_a_log_file_a_sparse_offset_index_and_a_time_index()
    {
        var config = TopicConfig.Default with { SegmentBytes = 1_000_000 };
        using var disk = DiskLog();
        for (var i = 0; i < 600; i++)
        {
            Append(disk, TestBatches.Build(10, Now + (i * 10), 200), config);
        }

        var segments = Segments();
        segments.Should().HaveCount(2);
        var first = segments[0];
        Path.GetFileName(first).Should().Be("00000000000000000000.log");
        var logBytes = new FileInfo(first).Length;
        var indexBytes = new FileInfo(Path.ChangeExtension(first, ".index")).Length;
        indexBytes.Should().BeInRange(logBytes / 8192 * 8, logBytes / 4096 * 8, "one 8-byte entry at the first batch past each 4 KiB of batches");
        new FileInfo(Path.ChangeExtension(first, ".timeindex")).Length.Should().BeGreaterThan(0);
    }

    [Test]
    public void Segments_roll_at_segment_ms_after_their_first_append()
    {
        var config = TopicConfig.Default with { SegmentMs = 1000 };
        using var disk = DiskLog();
        Append(disk, TestBatches.Build(1, Now), config, Now);
        Append(disk, TestBatches.Build(1, Now), config, Now + 999);
        Segments().Should().HaveCount(1);
        Append(disk, TestBatches.Build(1, Now), config, Now + 1000);
        Segments().Select(Path.GetFileName).Should().Equal("00000000000000000000.log", "00000000000000000002.log");
    }

    [Test]
    public void Retention_by_bytes_deletes_the_oldest_whole_segments_and_never_the_active_one()
    {
        var config = TopicConfig.Default with { SegmentBytes = 10_000, RetentionBytes = 25_000 };
        using var disk = DiskLog();
        for (var i = 0; i < 100; i++)
        {
            Append(disk, TestBatches.Build(5, Now, 200), config);
        }

        disk.SizeBytes.Should().BeInRange(25_000, 35_000, "segments go while the rest still holds retention.bytes");
        var oldest = Segments()[0];
        disk.LogStartOffset.Should().Be(long.Parse(Path.GetFileNameWithoutExtension(oldest), System.Globalization.CultureInfo.InvariantCulture),
            "the log starts at the first segment left");
        disk.Read(0, 1000, true, [], out _, out _).Should().Be(ErrorCode.OffsetOutOfRange);
        Read(disk, disk.LogStartOffset, 100).Should().NotBeEmpty();
    }

    [Test]
    public void Retention_by_time_deletes_segments_whose_newest_record_is_too_old()
    {
        var config = TopicConfig.Default with { SegmentBytes = 5_000, RetentionMs = 60_000 };
        using var disk = DiskLog();
        for (var i = 0; i < 20; i++)
        {
            Append(disk, TestBatches.Build(5, Now - 120_000, 200), config);
        }

        for (var i = 0; i < 20; i++)
        {
            Append(disk, TestBatches.Build(5, Now, 200), config);
        }

        // The old segments went as the new ones were appended; at most the segment where old meets new holds old records.
        var first = Read(disk, disk.LogStartOffset, int.MaxValue);
        disk.LogStartOffset.Should().BeGreaterThan(50);
        first.Should().NotBeEmpty();
        disk.HighWatermark.Should().Be(200);
    }

    [Test]
    public void Delete_records_drops_segments_below_the_new_start_and_keeps_reading_from_it()
    {
        var config = TopicConfig.Default with { SegmentBytes = 5_000 };
        using var disk = DiskLog();
        for (var i = 0; i < 60; i++)
        {
            Append(disk, TestBatches.Build(5, Now + i, 200), config);
        }

        var before = Segments().Count;
        disk.DeleteBefore(151, out var low).Should().Be(ErrorCode.None);
        low.Should().Be(151);
        Segments().Count.Should().BeLessThan(before);
        var read = Read(disk, 151, 1000);
        RecordBatchFields.BaseOffset(read).Should().Be(150, "the batch holding the new start is returned whole");

        disk.DeleteBefore(-1, out low).Should().Be(ErrorCode.None);
        low.Should().Be(300);
        Segments().Should().ContainSingle().Which.Should().EndWith("00000000000000000300.log");
        Append(disk, TestBatches.Build(1, Now), config);
        Read(disk, 300, 1000).Should().NotBeEmpty();
    }

    [Test]
    public void Timestamp_lookups_match_the_memory_log()
    {
        var config = TopicConfig.Default with { SegmentBytes = 8_000 };
        using var memory = new PartitionLog();
        using var disk = DiskLog();
        for (var i = 0; i < 200; i++)
        {
            // Timestamps rise with a dip every 7 batches, so the largest is not the last.
            var batch = TestBatches.Build(3, Now + (i * 100) - (i % 7 == 0 ? 5000 : 0), 150);
            Append(memory, batch.ToArray(), config);
            Append(disk, batch, config);
        }

        foreach (var timestamp in new[] { Now - 10_000, Now, Now + 1, Now + 5_050, Now + 12_345, Now + 19_902, Now + 50_000 })
        {
            disk.OffsetForTimestamp(timestamp).Should().Be(memory.OffsetForTimestamp(timestamp), $"timestamp {timestamp}");
        }

        disk.MaxTimestampRecord().Should().Be(memory.MaxTimestampRecord());
    }

    [Test]
    public void Compaction_on_disk_keeps_what_compaction_in_memory_keeps()
    {
        var config = TopicConfig.Default with { SegmentBytes = 3_000, Compact = true, Delete = false };
        using var memory = new PartitionLog();
        using var disk = DiskLog();
        for (var i = 0; i < 120; i++)
        {
            var round = i;
            var batch = TestBatches.Build(4, Now + i, 50, r => $"key-{((round * 4) + r) % 37}", tombstones: i % 11 == 0);
            Append(memory, batch.ToArray(), config);
            Append(disk, batch, config);
        }

        var sizeBefore = disk.SizeBytes;
        var onDisk = disk.Compact(config, Now, roll: true);
        var inMemory = memory.Compact(config, Now, roll: true);

        onDisk.RecordsRemoved.Should().Be(inMemory.RecordsRemoved).And.BeGreaterThan(300);
        Read(disk, 0, int.MaxValue).Should().Equal(Read(memory, 0, int.MaxValue));
        disk.SizeBytes.Should().Be(sizeBefore - onDisk.BytesFreed);
        Directory.GetFiles(_folder, "*.cleaned.*").Should().BeEmpty("cleaned segments took the names of the ones they replace");
        disk.HighWatermark.Should().Be(480);
    }

    [Test]
    public void Aborted_transactions_are_listed_for_read_committed_reads_from_disk()
    {
        var config = TopicConfig.Default with { SegmentBytes = 2_000 };
        using var disk = DiskLog();
        Append(disk, TestBatches.Build(2, Now, 300), config);
        disk.BeginTransaction(5000, 0);
        var transactional = TestBatches.Build(3, Now, 300);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(transactional.AsSpan(21), 0x10);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(transactional.AsSpan(43), 5000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(transactional.AsSpan(51), 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(transactional.AsSpan(53), 0);
        Append(disk, transactional, config).Error.Should().Be(ErrorCode.None);
        disk.LastStableOffset.Should().Be(2, "the open transaction holds read_committed readers back");
        disk.WriteMarker(5000, 0, commit: false, 0, config, 0, Now).Should().Be(5);
        Append(disk, TestBatches.Build(2, Now, 300), config);

        var aborted = new List<AbortedTransaction>();
        disk.Read(0, int.MaxValue, true, [], out _, out var bounds, aborted).Should().Be(ErrorCode.None);
        bounds.LastStableOffset.Should().Be(8);
        aborted.Should().Equal(new AbortedTransaction(5000, 2, 5));
    }

    private PartitionLog DiskLog(long tailCacheBytes = 1 << 20) => new(new DiskBatchStore(_folder, tailCacheBytes));

    private List<string> Segments() => Directory.GetFiles(_folder, "*.log").Order(StringComparer.Ordinal).ToList();

    private static AppendOutcome Append(PartitionLog log, byte[] batch, TopicConfig config, long now = Now) =>
        log.Append(new ArraySegment<byte>(batch), RecordBatchHeader.Read(batch), config, 0, now);

    private static byte[] Read(PartitionLog log, long offset, int maxBytes)
    {
        var output = new List<ArraySegment<byte>>();
        log.Read(offset, maxBytes, true, output, out _, out _).Should().Be(ErrorCode.None);
        return output.SelectMany(s => s).ToArray();
    }

    private static long LastOffset(byte[] batches)
    {
        var last = -1L;
        for (var position = 0; position < batches.Length; position += RecordBatchFields.TotalSize(batches.AsSpan(position)))
        {
            last = RecordBatchFields.LastOffset(batches.AsSpan(position));
        }

        return last;
    }
}
