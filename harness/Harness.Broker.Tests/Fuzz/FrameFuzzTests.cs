using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Harness.Broker.Cluster;
using Harness.Broker.Faults;
using Harness.Broker.Tests.Faults;
using Harness.Testing;

namespace Harness.Broker.Tests.Fuzz;

/// <summary>
/// Random, mutated and truncated frames on raw connections for a bounded time, while an idempotent producer and a
/// consumer run on their own connections: the broker must survive, keep serving, and leave the stream untouched.
/// </summary>
[Category("Integration")]
public sealed class FrameFuzzTests
{
    private static readonly TimeSpan FuzzTime = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Garbage_frames_neither_crash_the_broker_nor_disturb_other_clients()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HARNESS_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        TestContext.Out.WriteLine($"fuzz seed {seed} (set HARNESS_FUZZ_SEED to replay)");
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic(RequestSamples.Topic, 2);
        cluster.CreateTopic("sequenced", 6);
        var stream = SequencedStream.Start(cluster, "sequenced", 6, 60_000, 5_000);

        var clock = Stopwatch.StartNew();
        var fuzzers = Enumerable.Range(0, 3).Select(i => FuzzAsync(cluster, new Random(seed + i), clock)).ToList();
        var sent = (await Task.WhenAll(fuzzers)).Sum();
        TestContext.Out.WriteLine($"{sent} fuzzed connections in {clock.Elapsed.TotalSeconds:F1} s");

        var verdict = await stream.FinishAsync(TimeSpan.FromSeconds(60));
        verdict.Clean.Should().BeTrue(verdict.ToString());
        cluster.Brokers.Should().OnlyContain(b => b.Status == BrokerStatus.Up);
        cluster.InternalErrors.Should().Be(0, "a malformed request is refused, never an internal failure");
        foreach (var broker in cluster.Brokers)
        {
            using var connection = new KafkaWireClient(broker.Host, broker.Port);
            await connection.SendAsync(RequestSamples.All(77)[0]);
            var answer = await connection.ReceiveAsync(TimeSpan.FromSeconds(10));
            answer.Should().NotBeNull($"broker {broker.Id} still answers");
            answer!.ReadInt32().Should().Be(77);
        }
    }

    private static async Task<int> FuzzAsync(EmbeddedCluster cluster, Random random, Stopwatch clock)
    {
        var connections = 0;
        var brokers = cluster.Brokers;
        while (clock.Elapsed < FuzzTime)
        {
            var broker = brokers[random.Next(brokers.Count)];
            using var connection = new KafkaWireClient(broker.Host, broker.Port);
            connections++;
            var frames = random.Next(1, 4);
            try
            {
                for (var i = 0; i < frames; i++)
                {
                    await connection.SendAsync(Garbage(random));
                }
            }
            catch (IOException)
            {
                // The broker closed the connection on an earlier frame: expected.
            }

            // Read whatever comes back, briefly: the point is the broker's survival, not the answer.
            await connection.ReceiveAsync(TimeSpan.FromMilliseconds(random.Next(0, 30)));
            if (random.Next(2) == 0)
            {
                connection.Abort();
            }
        }

        return connections;
    }

    private static byte[] Garbage(Random random)
    {
        var samples = RequestSamples.All(random.Next());
        var sample = (byte[])samples[random.Next(samples.Count)].Clone();
        switch (random.Next(7))
        {
            case 0:
                // Pure noise, size prefix included.
                return RandomBytes(random, random.Next(0, 2048));
            case 1:
                // A real request with a few bytes flipped after the size prefix.
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    sample[random.Next(4, sample.Length)] = (byte)random.Next(256);
                }

                return sample;
            case 2:
                // A real request cut short, its size prefix telling the truth about the cut.
                var cut = random.Next(8, sample.Length);
                BinaryPrimitives.WriteInt32BigEndian(sample, cut - 4);
                return sample[..cut];
            case 3:
                // A real request whose connection ends before the frame does.
                return sample[..random.Next(0, sample.Length)];
            case 4:
                // A valid header for any API key and version, then noise.
                var header = new byte[12];
                BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(4), (short)random.Next(-5, 80));
                BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(6), (short)random.Next(-2, 20));
                BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), random.Next());
                var body = RandomBytes(random, random.Next(0, 512));
                var frame = header.Concat(body).ToArray();
                BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
                return frame;
            case 5:
                // A size prefix promising far more than follows.
                var promise = new byte[4 + random.Next(0, 64)];
                random.NextBytes(promise.AsSpan(4));
                BinaryPrimitives.WriteInt32BigEndian(promise, random.Next(1 << 16, 100 * 1024 * 1024));
                return promise;
            default:
                // A real request with one length field (array, string or bytes) replaced by an extreme value.
                var at = random.Next(12, Math.Max(13, sample.Length - 4));
                BinaryPrimitives.WriteInt32BigEndian(sample.AsSpan(at), random.Next(3) switch { 0 => -1, 1 => int.MaxValue, _ => random.Next() });
                return sample;
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
