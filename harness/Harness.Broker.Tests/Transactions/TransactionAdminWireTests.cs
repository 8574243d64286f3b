using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Testing;

namespace Harness.Broker.Tests.Transactions;

/// <summary>
/// The admin APIs around transactions on the wire (all flexible-only: DescribeTransactions, ListTransactions,
/// DescribeProducers) and DescribeAcls answering SECURITY_DISABLED as a broker without an authorizer does.
/// </summary>
[Category("Integration")]
public sealed class TransactionAdminWireTests
{
    [Test]
    public async Task DescribeTransactions_ListTransactions_and_DescribeProducers_follow_a_transaction_from_open_to_committed()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        cluster.CreateTopic("admin", 2);
        using var client = Connect(cluster);
        var (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "described", 45_000);
        await TransactionWire.AddPartitionsAsync(client, "described", pid, epoch, "admin", [1]);
        await TransactionWire.ProduceAsync(client, "described", "admin", 1, pid, epoch, 0, "x");

        var open = await DescribeTransactionAsync(client, "described");
        (open.Error, open.State, open.TimeoutMs, open.ProducerId, open.Epoch).Should().Be((ErrorCode.None, "Ongoing", 45_000, pid, (int)epoch));
        open.StartTimeMs.Should().BePositive();
        open.Partitions.Should().Equal(("admin", 1));
        (await DescribeTransactionAsync(client, "nobody")).Error.Should().Be(ErrorCode.TransactionalIdNotFound);
        var listed = await ListTransactionsAsync(client, ["Ongoing", "Bogus"]);
        listed.Unknown.Should().Equal("Bogus");
        listed.Transactions.Should().Equal(("described", pid, "Ongoing"));
        (await ListTransactionsAsync(client, ["CompleteCommit"])).Transactions.Should().BeEmpty();
        var producers = await DescribeProducersAsync(client, "admin", 1);
        producers.Should().ContainSingle().Which.Should().Be((pid, (int)epoch, 0, -1, 0L));

        (await TransactionWire.EndTxnAsync(client, "described", pid, epoch, commit: true)).Should().Be(ErrorCode.None);

        var committed = await DescribeTransactionAsync(client, "described");
        (committed.State, committed.StartTimeMs).Should().Be(("CompleteCommit", -1L));
        committed.Partitions.Should().BeEmpty();
        (await ListTransactionsAsync(client, ["CompleteCommit"])).Transactions.Should().Equal(("described", pid, "CompleteCommit"));
        (await DescribeProducersAsync(client, "admin", 1)).Single().CurrentTxnStartOffset.Should().Be(-1);
    }

    [TestCase((short)1)]
    [TestCase((short)3)]
    public async Task DescribeAcls_answers_SecurityDisabled_without_an_authorizer(short version)
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        using var client = Connect(cluster);
        var flexible = version >= 2;

        var reader = await client.SendAsync(ApiKey.DescribeAcls, version, w =>
        {
            w.WriteInt8(1); // any resource type
            w.WriteNullableString(null, flexible);
            w.WriteInt8(1); // any pattern type
            w.WriteNullableString(null, flexible);
            w.WriteNullableString(null, flexible);
            w.WriteInt8(1); // any operation
            w.WriteInt8(1); // any permission
            if (flexible)
            {
                w.WriteEmptyTaggedFields();
            }
        }, flexible);

        reader.ReadInt32();
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.SecurityDisabled);
        reader.ReadNullableString(flexible).Should().Contain("Authorizer");
        reader.ReadArrayLength(flexible).Should().Be(0);
    }

    private static KafkaWireClient Connect(EmbeddedCluster cluster) => new(cluster.Brokers[0].Host, cluster.Brokers[0].Port);

    private static async Task<(ErrorCode Error, string State, int TimeoutMs, long StartTimeMs, long ProducerId, int Epoch, List<(string, int)> Partitions)>
        DescribeTransactionAsync(KafkaWireClient client, string transactionalId)
    {
        var reader = await client.SendAsync(ApiKey.DescribeTransactions, 0, w =>
        {
            w.WriteArrayLength(1, flexible: true);
            w.WriteString(transactionalId, flexible: true);
            w.WriteEmptyTaggedFields();
        }, flexible: true);
        reader.ReadInt32();
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        var error = (ErrorCode)reader.ReadInt16();
        reader.ReadString(flexible: true).Should().Be(transactionalId);
        var state = reader.ReadString(flexible: true);
        var timeout = reader.ReadInt32();
        var start = reader.ReadInt64();
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt32();
        var partitions = new List<(string, int)>();
        for (var topics = reader.ReadArrayLength(flexible: true); topics > 0; topics--)
        {
            var topic = reader.ReadString(flexible: true);
            for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
            {
                partitions.Add((topic, reader.ReadInt32()));
            }

            reader.SkipTaggedFields();
        }

        return (error, state, timeout, start, producerId, epoch, partitions);
    }

    private static async Task<(List<string> Unknown, List<(string, long, string)> Transactions)> ListTransactionsAsync(KafkaWireClient client, string[] states)
    {
        var reader = await client.SendAsync(ApiKey.ListTransactions, 1, w =>
        {
            w.WriteArrayLength(states.Length, flexible: true);
            foreach (var state in states)
            {
                w.WriteString(state, flexible: true);
            }

            w.WriteArrayLength(0, flexible: true);
            w.WriteInt64(-1);
            w.WriteEmptyTaggedFields();
        }, flexible: true);
        reader.ReadInt32();
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        var unknown = new List<string>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            unknown.Add(reader.ReadString(flexible: true));
        }

        var transactions = new List<(string, long, string)>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            transactions.Add((reader.ReadString(flexible: true), reader.ReadInt64(), reader.ReadString(flexible: true)));
            reader.SkipTaggedFields();
        }

        return (unknown, transactions);
    }

    private static async Task<List<(long ProducerId, int Epoch, int LastSequence, int CoordinatorEpoch, long CurrentTxnStartOffset)>> DescribeProducersAsync(
        KafkaWireClient client, string topic, int partition)
    {
        var reader = await client.SendAsync(ApiKey.DescribeProducers, 0, w =>
        {
            w.WriteArrayLength(1, flexible: true);
            w.WriteString(topic, flexible: true);
            w.WriteArrayLength(1, flexible: true);
            w.WriteInt32(partition);
            w.WriteEmptyTaggedFields();
            w.WriteEmptyTaggedFields();
        }, flexible: true);
        reader.ReadInt32();
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        reader.ReadString(flexible: true).Should().Be(topic);
        reader.ReadArrayLength(flexible: true).Should().Be(1);
        reader.ReadInt32().Should().Be(partition);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadNullableString(flexible: true);
        var producers = new List<(long, int, int, int, long)>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            var producerId = reader.ReadInt64();
            var epoch = reader.ReadInt32();
            var lastSequence = reader.ReadInt32();
            reader.ReadInt64(); // last timestamp
            var coordinatorEpoch = reader.ReadInt32();
            producers.Add((producerId, epoch, lastSequence, coordinatorEpoch, reader.ReadInt64()));
            reader.SkipTaggedFields();
        }

        return producers;
    }
}
