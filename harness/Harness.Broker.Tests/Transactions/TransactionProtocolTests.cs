using System.Buffers.Binary;
using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Broker.Tests.Transactions;

/// <summary>The transaction coordinator and transactional logs on the wire: epochs, fencing errors by version, markers, aborted ranges, timeouts.</summary>
[Category("Integration")]
public sealed class TransactionProtocolTests
{
    private static KafkaWireClient ConnectTo(EmbeddedCluster cluster, int brokerId)
    {
        var broker = cluster.Brokers.Single(b => b.Id == brokerId);
        return new KafkaWireClient(broker.Host, broker.Port);
    }

    [Test]
    public async Task InitProducerId_bumps_the_epoch_on_each_init_and_the_older_epoch_is_fenced_with_the_error_of_its_version()
    {
        await using var cluster = EmbeddedCluster.Start();
        using var client = ConnectTo(cluster, cluster.CoordinatorOf("epochs"));

        var first = await TransactionWire.InitProducerIdAsync(client, "epochs", 60_000);
        var second = await TransactionWire.InitProducerIdAsync(client, "epochs", 60_000);
        var third = await TransactionWire.InitProducerIdAsync(client, "epochs", 60_000, version: 4, producerId: second.ProducerId, epoch: second.Epoch);

        first.Should().Be((ErrorCode.None, first.ProducerId, (short)0));
        second.Should().Be((ErrorCode.None, first.ProducerId, (short)1));
        third.Should().Be((ErrorCode.None, first.ProducerId, (short)2));
        (await TransactionWire.EndTxnAsync(client, "epochs", first.ProducerId, 1, commit: true, version: 1)).Should().Be(ErrorCode.InvalidProducerEpoch);
        (await TransactionWire.EndTxnAsync(client, "epochs", first.ProducerId, 1, commit: true, version: 2)).Should().Be(ErrorCode.ProducerFenced);
        (await TransactionWire.AddPartitionsAsync(client, "epochs", first.ProducerId + 1, 2, "t", [0])).Should().Equal(ErrorCode.InvalidProducerIdMapping);
        (await TransactionWire.InitProducerIdAsync(client, "epochs", 60_000, version: 3, producerId: first.ProducerId, epoch: 1)).Error
            .Should().Be(ErrorCode.InvalidProducerEpoch);
        (await TransactionWire.InitProducerIdAsync(client, "epochs", 60_000, version: 4, producerId: first.ProducerId, epoch: 1)).Error
            .Should().Be(ErrorCode.ProducerFenced);
        (await TransactionWire.EndTxnAsync(client, "epochs", first.ProducerId, 2, commit: true)).Should().Be(ErrorCode.InvalidTxnState, "no transaction is open");
        (await TransactionWire.InitProducerIdAsync(client, "epochs", 900_001)).Error.Should().Be(ErrorCode.InvalidTransactionTimeout);
    }

    [Test]
    public async Task FindCoordinator_answers_transactions_and_other_brokers_refuse_them_with_NotCoordinator()
    {
        await using var cluster = EmbeddedCluster.Start();
        using var probe = ConnectTo(cluster, 1);

        var found = await TransactionWire.FindCoordinatorAsync(probe, "where");
        var unknownType = await TransactionWire.FindCoordinatorAsync(probe, "where", keyType: 5);

        found.Should().Be((ErrorCode.None, cluster.CoordinatorOf("where")));
        unknownType.Error.Should().Be(ErrorCode.InvalidRequest);
        using var other = ConnectTo(cluster, cluster.Brokers.First(b => b.Id != found.NodeId).Id);
        (await TransactionWire.InitProducerIdAsync(other, "where", 60_000)).Error.Should().Be(ErrorCode.NotCoordinator);
        (await TransactionWire.EndTxnAsync(other, "where", 1, 0, commit: true)).Should().Be(ErrorCode.NotCoordinator);
    }

    [Test]
    public async Task An_abort_writes_markers_and_read_committed_fetches_list_the_aborted_transaction()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        cluster.CreateTopic("markers", 2);
        using var client = ConnectTo(cluster, 1);
        var (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "markers", 60_000);
        (await TransactionWire.AddPartitionsAsync(client, "markers", pid, epoch, "markers", [0, 1])).Should().Equal(ErrorCode.None, ErrorCode.None);
        (await TransactionWire.ProduceAsync(client, "markers", "markers", 0, pid, epoch, 0, "a")).Should().Be((ErrorCode.None, 0L));
        (await TransactionWire.ProduceAsync(client, "markers", "markers", 0, pid, epoch, 1, "b")).Should().Be((ErrorCode.None, 1L));

        var open = await TransactionWire.FetchAsync(client, "markers", 0, 0, isolation: 1);
        var openUncommitted = await TransactionWire.FetchAsync(client, "markers", 0, 0, isolation: 0);
        open.Should().BeEquivalentTo(new { Error = ErrorCode.None, HighWatermark = 2L, LastStableOffset = 0L });
        open.Batches.Should().BeEmpty("read_committed stops at the last stable offset");
        openUncommitted.Batches.Should().HaveCount(2);
        openUncommitted.AbortedTransactions.Should().BeNull();

        (await TransactionWire.ListOffsetAsync(client, "markers", 0, -1, isolation: 1)).Should().Be((ErrorCode.None, 0L), "latest at read_committed is the LSO");
        (await TransactionWire.ListOffsetAsync(client, "markers", 0, -1, isolation: 0)).Should().Be((ErrorCode.None, 2L));
        (await TransactionWire.ListOffsetAsync(client, "markers", 0, 0, isolation: 1)).Offset.Should().Be(-1, "nothing before the LSO has a timestamp");
        (await TransactionWire.ListOffsetAsync(client, "markers", 0, 0, isolation: 0)).Offset.Should().Be(0);

        (await TransactionWire.EndTxnAsync(client, "markers", pid, epoch, commit: false)).Should().Be(ErrorCode.None);
        (await TransactionWire.EndTxnAsync(client, "markers", pid, epoch, commit: false)).Should().Be(ErrorCode.None, "a retried abort succeeds again");
        (await TransactionWire.ListOffsetAsync(client, "markers", 0, -1, isolation: 1)).Offset.Should().Be(3);
        (await TransactionWire.EndTxnAsync(client, "markers", pid, epoch, commit: true)).Should().Be(ErrorCode.InvalidTxnState);

        var ended = await TransactionWire.FetchAsync(client, "markers", 0, 0, isolation: 1);
        ended.Should().BeEquivalentTo(new { HighWatermark = 3L, LastStableOffset = 3L });
        ended.AbortedTransactions.Should().Equal((pid, 0L));
        ended.Headers.Should().HaveCount(3);
        var marker = ended.Headers[2];
        marker.Should().BeEquivalentTo(new { BaseOffset = 2L, Attributes = (short)0x30, ProducerId = pid, ProducerEpoch = epoch, BaseSequence = -1, RecordCount = 1 });
        var record = ended.Batches[2].AsSpan(61);
        BinaryPrimitives.ReadInt16BigEndian(record[5..]).Should().Be(0, "control key version");
        BinaryPrimitives.ReadInt16BigEndian(record[7..]).Should().Be(0, "ABORT");
        BinaryPrimitives.ReadInt16BigEndian(record[10..]).Should().Be(0, "control value version");
        cluster.HighWatermark("markers", 1).Should().Be(1, "a partition added without data still gets its marker");
        (await TransactionWire.FetchAsync(client, "markers", 0, 3, isolation: 1)).AbortedTransactions.Should().BeEmpty("nothing was fetched");
    }

    [Test]
    public async Task TxnOffsetCommit_needs_the_group_in_the_transaction_checks_the_member_and_shows_offsets_only_after_the_commit()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        cluster.CreateTopic("t", 2);
        using var client = ConnectTo(cluster, 1);
        var (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "offsets", 60_000);
        var member = await Groups.GroupWire.JoinNewAsync(client, "g");
        (await Groups.GroupWire.SyncAsync(client, "g", member.GenerationId, member.MemberId, assignments: new Dictionary<string, byte[]> { [member.MemberId] = [] }))
            .Error.Should().Be(0);

        (await TransactionWire.TxnOffsetCommitAsync(client, "offsets", "g", pid, epoch, 0, 10)).Should().Be(ErrorCode.InvalidTxnState, "the group was not added");
        (await TransactionWire.AddOffsetsAsync(client, "offsets", pid, epoch, "g")).Should().Be(ErrorCode.None);
        (await TransactionWire.TxnOffsetCommitAsync(client, "offsets", "g", pid, epoch, 0, 10, (member.GenerationId + 1, member.MemberId))).Should().Be(ErrorCode.IllegalGeneration);
        (await TransactionWire.TxnOffsetCommitAsync(client, "offsets", "g", pid, epoch, 0, 10, (member.GenerationId, "stranger"))).Should().Be(ErrorCode.UnknownMemberId);
        (await TransactionWire.TxnOffsetCommitAsync(client, "offsets", "g", pid, (short)(epoch + 1), 0, 10)).Should().Be(ErrorCode.InvalidProducerEpoch);
        (await TransactionWire.TxnOffsetCommitAsync(client, "offsets", "g", pid, epoch, 0, 10, (member.GenerationId, member.MemberId))).Should().Be(ErrorCode.None);
        (await TransactionWire.TxnOffsetCommitAsync(client, "offsets", "g", pid, epoch, 1, 20)).Should().Be(ErrorCode.None, "a producer outside the group may commit without a member id");
        (await Groups.GroupWire.FetchOffsetsAsync(client, "g", [0, 1])).Partitions.Select(p => p.Offset).Should().Equal(-1, -1);

        (await TransactionWire.EndTxnAsync(client, "offsets", pid, epoch, commit: true)).Should().Be(ErrorCode.None);

        (await Groups.GroupWire.FetchOffsetsAsync(client, "g", [0, 1])).Partitions.Select(p => p.Offset).Should().Equal(10, 20);
    }

    [Test]
    public async Task Transactional_batches_are_refused_on_partitions_outside_the_transaction()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        cluster.CreateTopic("outside", 2);
        using var client = ConnectTo(cluster, 1);
        var (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "outside", 60_000);
        await TransactionWire.AddPartitionsAsync(client, "outside", pid, epoch, "outside", [0]);

        (await TransactionWire.ProduceAsync(client, "outside", "outside", 1, pid, epoch, 0, "x")).Error.Should().Be(ErrorCode.InvalidTxnState);
        (await TransactionWire.AddPartitionsAsync(client, "outside", pid, epoch, "missing", [0])).Should().Equal(ErrorCode.UnknownTopicOrPartition);
        cluster.HighWatermark("outside", 1).Should().Be(0);
    }

    [Test]
    public async Task A_transaction_past_its_timeout_is_aborted_with_a_bumped_epoch()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 }, time);
        cluster.CreateTopic("slow", 1);
        using var client = ConnectTo(cluster, 1);
        var (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "slow", 10_000);
        await TransactionWire.AddPartitionsAsync(client, "slow", pid, epoch, "slow", [0]);
        await TransactionWire.ProduceAsync(client, "slow", "slow", 0, pid, epoch, 0, "late");

        time.Advance(TimeSpan.FromSeconds(9));
        cluster.LastStableOffset("slow", 0).Should().Be(0, "the transaction has a second left");
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => cluster.LastStableOffset("slow", 0) == 2, TimeSpan.FromSeconds(5), "the timeout writes an ABORT marker");

        cluster.TransactionsTimedOut.Should().Be(1);
        (await TransactionWire.FetchAsync(client, "slow", 0, 0, isolation: 1)).AbortedTransactions.Should().Equal((pid, 0L));
        (await TransactionWire.EndTxnAsync(client, "slow", pid, epoch, commit: true, version: 2)).Should().Be(ErrorCode.ProducerFenced);
        (await TransactionWire.ProduceAsync(client, "slow", "slow", 0, pid, epoch, 1, "zombie")).Error.Should().Be(ErrorCode.InvalidProducerEpoch);
        var resumed = await TransactionWire.InitProducerIdAsync(client, "slow", 10_000, version: 4, producerId: pid, epoch: epoch);
        resumed.Should().Be((ErrorCode.None, pid, (short)(epoch + 2)), "the producer whose transaction timed out may re-initialise from its old epoch");
    }

    [Test]
    public async Task Reinitialising_with_a_transaction_open_aborts_it()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        cluster.CreateTopic("reinit", 1);
        using var client = ConnectTo(cluster, 1);
        var (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "reinit", 60_000);
        await TransactionWire.AddPartitionsAsync(client, "reinit", pid, epoch, "reinit", [0]);
        await TransactionWire.ProduceAsync(client, "reinit", "reinit", 0, pid, epoch, 0, "orphan");

        var next = await TransactionWire.InitProducerIdAsync(client, "reinit", 60_000);

        next.Epoch.Should().BeGreaterThan(epoch);
        cluster.LastStableOffset("reinit", 0).Should().Be(2);
        (await TransactionWire.FetchAsync(client, "reinit", 0, 0, isolation: 1)).AbortedTransactions.Should().Equal((pid, 0L));
    }

    [Test]
    public async Task The_coordinator_moves_on_a_broker_kill_and_keeps_the_open_transaction_and_its_epoch()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("moving", 1, replicationFactor: 3);
        var coordinator = cluster.CoordinatorOf("moving");
        long pid;
        short epoch;
        using (var client = ConnectTo(cluster, coordinator))
        {
            (_, pid, epoch) = await TransactionWire.InitProducerIdAsync(client, "moving", 60_000);
            await TransactionWire.AddPartitionsAsync(client, "moving", pid, epoch, "moving", [0]);
        }

        using (var leader = ConnectTo(cluster, cluster.LeaderOf("moving", 0)))
        {
            (await TransactionWire.ProduceAsync(leader, "moving", "moving", 0, pid, epoch, 0, "before")).Error.Should().Be(ErrorCode.None);
        }

        cluster.KillBroker(coordinator);
        var successor = cluster.CoordinatorOf("moving");
        successor.Should().NotBe(coordinator);
        using var next = ConnectTo(cluster, successor);
        (await TransactionWire.FindCoordinatorAsync(next, "moving")).NodeId.Should().Be(successor);
        (await TransactionWire.EndTxnAsync(next, "moving", pid, epoch, commit: true)).Should().Be(ErrorCode.None);
        cluster.LastStableOffset("moving", 0).Should().Be(2);
    }
}
