using System.Buffers.Binary;
using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Testing;

namespace Harness.Broker.Tests.Fuzz;

/// <summary>Requests the broker does not serve get an UNSUPPORTED_VERSION answer, and the connection keeps working.</summary>
[Category("Integration")]
public sealed class ProtocolErrorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [TestCase((short)9999, (short)0, TestName = "An_unknown_api_key_is_answered_with_unsupported_version")]
    [TestCase((short)ApiKey.Produce, (short)99, TestName = "An_unsupported_produce_version_is_answered_with_unsupported_version")]
    [TestCase((short)ApiKey.Fetch, (short)-1, TestName = "A_negative_fetch_version_is_answered_with_unsupported_version")]
    [TestCase((short)ApiKey.ApiVersions, (short)9, TestName = "A_newer_api_versions_request_is_answered_in_the_v0_error_shape")]
    public async Task Unserved_request_gets_an_error_answer_and_the_connection_keeps_serving(short api, short version)
    {
        await using var cluster = EmbeddedCluster.Start();
        var broker = cluster.Brokers[0];
        using var connection = new KafkaWireClient(broker.Host, broker.Port);

        await connection.SendAsync(RequestSamples.Frame(api, version, 41, w => w.WriteInt32(0)));
        var refused = await connection.ReceiveAsync(Deadline);

        refused.Should().NotBeNull("the broker answers instead of closing the connection");
        refused!.ReadInt32().Should().Be(41);
        refused.ReadInt16().Should().Be((short)ErrorCode.UnsupportedVersion);
        var served = ReadVersionRanges(refused);
        served.Should().ContainKey(ApiKey.ApiVersions).WhoseValue.Should().Be(((short)0, (short)3));
        served.Should().ContainKey(ApiKey.Produce);

        await connection.SendAsync(RequestSamples.All(42)[0]);
        var answer = await connection.ReceiveAsync(Deadline);

        answer.Should().NotBeNull("the same connection serves the next request");
        answer!.ReadInt32().Should().Be(42);
        answer.ReadInt16().Should().Be((short)ErrorCode.None);
        ReadVersionRanges(answer).Keys.Should().Contain([ApiKey.Produce, ApiKey.Fetch, ApiKey.Metadata, ApiKey.ListOffsets]);
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task A_frame_too_short_for_a_header_closes_only_its_own_connection()
    {
        await using var cluster = EmbeddedCluster.Start();
        var broker = cluster.Brokers[0];
        using var bystander = new KafkaWireClient(broker.Host, broker.Port);
        using var offender = new KafkaWireClient(broker.Host, broker.Port);

        await offender.SendAsync([0, 0, 0, 3, 1, 2, 3]);

        (await offender.ReceiveAsync(Deadline)).Should().BeNull("the broker closes a connection that breaks framing");
        await bystander.SendAsync(RequestSamples.All(7)[0]);
        (await bystander.ReceiveAsync(Deadline))!.ReadInt32().Should().Be(7);
        using var fresh = new KafkaWireClient(broker.Host, broker.Port);
        await fresh.SendAsync(RequestSamples.All(8)[2]);
        (await fresh.ReceiveAsync(Deadline))!.ReadInt32().Should().Be(8);
    }

    [Test]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic(RequestSamples.Topic, 1, 1);
        var leader = cluster.Brokers.Single(b => b.Id == cluster.LeaderOf(RequestSamples.Topic, 0));
        using var connection = new KafkaWireClient(leader.Host, leader.Port);

        // Every sample, three times, back to back in one write: answers must come in request order.
        var samples = Enumerable.Range(0, 3).SelectMany(_ => RequestSamples.All(0)).Select((frame, i) => (Id: 100 + i, Frame: frame)).ToList();
        await connection.SendAsync(WithOwnCorrelationIds(samples));

        foreach (var (id, _) in samples)
        {
            var answer = await connection.ReceiveAsync(Deadline);
            answer.Should().NotBeNull($"request {id} is answered");
            answer!.ReadInt32().Should().Be(id);
        }

        cluster.HighWatermark(RequestSamples.Topic, 0).Should().Be(3);
    }

    /// <summary>Samples carry their correlation id at a fixed place (after size, key and version): give each its own.</summary>
    private static byte[] WithOwnCorrelationIds(List<(int Id, byte[] Frame)> samples) =>
        samples.SelectMany(s =>
        {
            var copy = (byte[])s.Frame.Clone();
            BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(8), s.Id);
            return copy;
        }).ToArray();

    private static Dictionary<ApiKey, (short Min, short Max)> ReadVersionRanges(KafkaReader reader)
    {
        var count = reader.ReadInt32();
        var ranges = new Dictionary<ApiKey, (short, short)>();
        for (var i = 0; i < count; i++)
        {
            ranges[(ApiKey)reader.ReadInt16()] = (reader.ReadInt16(), reader.ReadInt16());
        }

        return ranges;
    }
}
