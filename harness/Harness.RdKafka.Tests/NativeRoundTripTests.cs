using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Harness.Broker.Cluster;

namespace Harness.RdKafka.Tests;

/// <summary>
/// The native producer and consumer against the embedded broker: what goes in comes out byte for byte (keys, values,
/// null key and value, headers, timestamps, partitions), and a consumed record can be produced again from
/// librdkafka's own memory, which is how the replicator copies without managed buffers.
/// </summary>
[Category("Integration")]
public sealed class NativeRoundTripTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Records_come_back_byte_for_byte_with_headers_timestamps_and_null_fields()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("round-trip", 3);
        var sent = SampleRecords(300);
        using (var producer = new NativeProducer(ProducerSettings(cluster.BootstrapServers), "round-trip"))
        {
            foreach (var record in sent)
            {
                Produce(producer, producer.TopicHandle, record);
            }

            WaitForDeliveries(producer, sent.Count).Should().BeEmpty();
        }

        var received = ReadAll(cluster.BootstrapServers, "round-trip", 3, sent.Count);
        received.Should().BeEquivalentTo(sent, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_consumed_record_is_produced_again_from_librdkafka_memory_with_its_headers()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("origin", 3);
        cluster.CreateTopic("copy", 3);
        var sent = SampleRecords(100);
        using var producer = new NativeProducer(ProducerSettings(cluster.BootstrapServers), "origin");
        foreach (var record in sent)
        {
            Produce(producer, producer.TopicHandle, record);
        }

        WaitForDeliveries(producer, sent.Count).Should().BeEmpty();

        CopyAll(cluster.BootstrapServers, producer, "origin", 3, "copy", sent.Count).Should().Be(sent.Count);
        WaitForDeliveries(producer, sent.Count).Should().BeEmpty();
        ReadAll(cluster.BootstrapServers, "copy", 3, sent.Count).Should().BeEquivalentTo(sent, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task Watermarks_are_answered_and_cached_after_a_fetch()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("marks", 1);
        var sent = SampleRecords(25).Select(r => r with { Partition = 0 }).ToList();
        using (var producer = new NativeProducer(ProducerSettings(cluster.BootstrapServers), "marks"))
        {
            foreach (var record in sent)
            {
                Produce(producer, producer.TopicHandle, record);
            }

            WaitForDeliveries(producer, sent.Count).Should().BeEmpty();
        }

        using var consumer = new NativeConsumer(new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers });
        consumer.QueryWatermarks("marks", 0, 10_000).Should().Be((0L, 25L));
        consumer.CachedWatermarks("marks", 0).Should().Be((-1L, -1L), "nothing was fetched yet");
        consumer.Assign([("marks", 0, 20L)]);
        var read = ReadOffsets(consumer, 5);
        read.Should().Equal(20, 21, 22, 23, 24);
        consumer.CachedWatermarks("marks", 0).High.Should().Be(25);
    }

    [Test]
    public void A_refused_setting_names_the_setting() =>
        FluentActions.Invoking(() => new NativeConsumer(new Dictionary<string, string> { ["no.such.setting"] = "1" }))
            .Should().Throw<ArgumentException>().WithMessage("*no.such.setting=1*");

    private static unsafe int CopyAll(string bootstrap, NativeProducer producer, string from, int partitions, string to, int expected)
    {
        using var consumer = new NativeConsumer(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap });
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => (from, p, LibRdKafka.OffsetBeginning)));
        var copy = producer.TopicHandleOf(to);
        var batch = new nint[64];
        var copied = 0;
        var clock = Stopwatch.StartNew();
        while (copied < expected && clock.Elapsed < Patience)
        {
            var count = consumer.Consume(100, batch);
            for (var i = 0; i < count; i++)
            {
                var message = (RdKafkaMessage*)batch[i];
                if (message->Error == 0)
                {
                    CopyTo(producer, copy, message);
                    copied++;
                }

                NativeConsumer.Release(batch[i]);
            }
        }

        return copied;
    }

    private static unsafe List<long> ReadOffsets(NativeConsumer consumer, int expected)
    {
        var batch = new nint[32];
        var read = new List<long>();
        var clock = Stopwatch.StartNew();
        while (read.Count < expected && clock.Elapsed < Patience)
        {
            var count = consumer.Consume(100, batch);
            for (var i = 0; i < count; i++)
            {
                var message = (RdKafkaMessage*)batch[i];
                if (message->Error == 0)
                {
                    read.Add(message->Offset);
                }

                NativeConsumer.Release(batch[i]);
            }
        }

        return read;
    }

    private static Dictionary<string, string> ProducerSettings(string bootstrap) => new()
    {
        ["bootstrap.servers"] = bootstrap,
        ["enable.idempotence"] = "true",
        ["linger.ms"] = "2",
    };

    private static List<SampleRecord> SampleRecords(int count)
    {
        var records = new List<SampleRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var key = i % 10 == 0 ? null : Encoding.UTF8.GetBytes($"key-{i}");
            var value = i % 15 == 0 ? null : Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), i % 300));
            var headers = (i % 3) switch
            {
                0 => new List<SampleHeader>(),
                1 => [new SampleHeader("trace", Encoding.UTF8.GetBytes($"t{i}"))],
                _ => [new SampleHeader("trace", Encoding.UTF8.GetBytes($"t{i}")), new SampleHeader("empty", []), new SampleHeader("nothing", null), new SampleHeader("trace", [0, 1, 2, 255])],
            };
            records.Add(new SampleRecord(i % 3, key, value, 1_700_000_000_000 + i, headers));
        }

        return records;
    }

    private static unsafe void Produce(NativeProducer producer, nint topic, SampleRecord record)
    {
        var names = record.Headers.Select(h => Encoding.UTF8.GetBytes(h.Name + "\0")).ToArray();
        var handles = new List<GCHandle>();
        try
        {
            byte* Pin(byte[]? bytes)
            {
                if (bytes is null)
                {
                    return null;
                }

                var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
                handles.Add(handle);
                return (byte*)handle.AddrOfPinnedObject();
            }

            var arguments = new List<VarArg>
            {
                VarArg.Pointer(VarArgType.TopicHandle, topic),
                VarArg.Integer(VarArgType.Partition, record.Partition),
                VarArg.Integer(VarArgType.MessageFlags, LibRdKafka.MessageCopy),
                VarArg.Long(VarArgType.Timestamp, record.Timestamp),
                VarArg.Memory(VarArgType.Key, Pin(record.Key), record.Key?.Length ?? 0),
                VarArg.Memory(VarArgType.Value, Pin(record.Value), record.Value?.Length ?? 0),
            };
            for (var h = 0; h < record.Headers.Count; h++)
            {
                var value = record.Headers[h].Value;
                arguments.Add(VarArg.Header(Pin(names[h]), value is { Length: 0 } ? Pin([0]) : Pin(value), value?.Length ?? -1));
            }

            producer.TryProduce(arguments.ToArray()).Should().BeTrue();
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    private static unsafe void CopyTo(NativeProducer producer, nint topic, RdKafkaMessage* message)
    {
        var headers = NativeConsumer.Headers(message);
        var copied = headers == 0 ? 0 : LibRdKafka.HeadersCopy(headers);
        Span<VarArg> arguments =
        [
            VarArg.Pointer(VarArgType.TopicHandle, topic),
            VarArg.Integer(VarArgType.Partition, message->Partition),
            VarArg.Integer(VarArgType.MessageFlags, LibRdKafka.MessageCopy),
            VarArg.Long(VarArgType.Timestamp, NativeConsumer.Timestamp(message)),
            VarArg.Memory(VarArgType.Key, (byte*)message->Key, (int)message->KeyLength),
            VarArg.Memory(VarArgType.Value, (byte*)message->Payload, (int)message->Length),
            VarArg.Pointer(copied == 0 ? VarArgType.MessageFlags : VarArgType.Headers, copied == 0 ? LibRdKafka.MessageCopy : copied),
        ];
        producer.TryProduce(arguments).Should().BeTrue();
    }

    private static List<int> WaitForDeliveries(NativeProducer producer, int expected)
    {
        var sink = new CollectingSink();
        var clock = Stopwatch.StartNew();
        while (sink.Count < expected && clock.Elapsed < Patience)
        {
            producer.Poll(100, sink);
        }

        sink.Count.Should().Be(expected, "every record gets a delivery report");
        return sink.Errors;
    }

    private static unsafe List<SampleRecord> ReadAll(string bootstrap, string topic, int partitions, int expected)
    {
        using var consumer = new NativeConsumer(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap });
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => (topic, p, LibRdKafka.OffsetBeginning)));
        var byPartition = Enumerable.Range(0, partitions).Select(_ => new List<SampleRecord>()).ToArray();
        var batch = new nint[128];
        var total = 0;
        var clock = Stopwatch.StartNew();
        while (total < expected && clock.Elapsed < Patience)
        {
            var count = consumer.Consume(100, batch);
            for (var i = 0; i < count; i++)
            {
                var message = (RdKafkaMessage*)batch[i];
                if (message->Error == 0)
                {
                    NativeConsumer.TopicName(message).Should().Be(topic);
                    byPartition[message->Partition].Add(ToSample(message));
                    total++;
                }

                NativeConsumer.Release(batch[i]);
            }
        }

        total.Should().Be(expected);

        // Records were sent round-robin over partitions; interleaving them the same way restores the sending order.
        var merged = new List<SampleRecord>(expected);
        var cursors = new int[partitions];
        for (var i = 0; i < expected; i++)
        {
            var p = i % partitions;
            merged.Add(byPartition[p][cursors[p]++]);
        }

        return merged;
    }

    private static unsafe SampleRecord ToSample(RdKafkaMessage* message)
    {
        static byte[]? Bytes(nint pointer, nuint length) => pointer == 0 ? null : new ReadOnlySpan<byte>((void*)pointer, (int)length).ToArray();

        var headers = new List<SampleHeader>();
        var list = NativeConsumer.Headers(message);
        if (list != 0)
        {
            var count = (int)LibRdKafka.HeaderCount(list);
            for (var h = 0; h < count; h++)
            {
                byte* name, value;
                nuint size;
                LibRdKafka.HeaderGetAll(list, (nuint)h, &name, &value, &size).Should().Be(0);
                headers.Add(new SampleHeader(LibRdKafka.Text((nint)name), value == null ? null : new ReadOnlySpan<byte>(value, (int)size).ToArray()));
            }
        }

        return new SampleRecord(message->Partition, Bytes(message->Key, message->KeyLength), Bytes(message->Payload, message->Length), NativeConsumer.Timestamp(message), headers);
    }
}
