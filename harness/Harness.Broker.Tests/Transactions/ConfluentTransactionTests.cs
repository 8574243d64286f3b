using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Transactions;

/// <summary>
/// Transactions through librdkafka (Confluent.Kafka), an independent client: commit and abort as read_committed and
/// read_uncommitted consumers see them, offsets sent to a transaction, fencing, and a coordinator killed mid-transaction.
/// </summary>
[Category("Integration")]
public sealed class ConfluentTransactionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Committed_records_reach_read_committed_consumers_and_aborted_ones_only_read_uncommitted_ones()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("txn", 2);
        using (var producer = Producer(cluster, "txn-commit-abort"))
        {
            producer.InitTransactions(Timeout);
            ProduceInTransaction(producer, "txn", "committed-1-", 10, commit: true);
            ProduceInTransaction(producer, "txn", "aborted-", 10, commit: false);
            ProduceInTransaction(producer, "txn", "committed-2-", 10, commit: true);
        }

        var committed = ReadAll(cluster, "txn", 2, IsolationLevel.ReadCommitted);
        var uncommitted = ReadAll(cluster, "txn", 2, IsolationLevel.ReadUncommitted);

        committed.Should().HaveCount(20).And.OnlyContain(v => v.StartsWith("committed-", StringComparison.Ordinal));
        uncommitted.Should().HaveCount(30);
        uncommitted.Where(v => v.StartsWith("aborted-", StringComparison.Ordinal)).Should().HaveCount(10);
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task An_open_transaction_holds_read_committed_consumers_at_the_last_stable_offset_until_it_commits()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("lso", 1);
        using var producer = Producer(cluster, "txn-lso");
        producer.InitTransactions(Timeout);
        ProduceInTransaction(producer, "lso", "first-", 5, commit: true);
        var stable = cluster.HighWatermark("lso", 0);

        producer.BeginTransaction();
        for (var i = 0; i < 5; i++)
        {
            producer.Produce(new TopicPartition("lso", 0), new Message<string, string> { Key = "k", Value = $"open-{i}" });
        }

        producer.Flush(Timeout).Should().Be(0);
        cluster.LastStableOffset("lso", 0).Should().Be(stable, "the open transaction's first record is where read_committed readers stop");
        cluster.HighWatermark("lso", 0).Should().Be(stable + 5);
        ReadAll(cluster, "lso", 1, IsolationLevel.ReadCommitted).Should().HaveCount(5);
        using (var admin = Consumer(cluster, IsolationLevel.ReadCommitted))
        {
            admin.QueryWatermarkOffsets(new TopicPartition("lso", 0), Timeout).High.Value.Should().Be(stable, "ListOffsets at read_committed answers the LSO");
        }

        producer.CommitTransaction(Timeout);
        cluster.LastStableOffset("lso", 0).Should().Be(cluster.HighWatermark("lso", 0));
        ReadAll(cluster, "lso", 1, IsolationLevel.ReadCommitted).Should().HaveCount(10);
    }

    [Test]
    public async Task Offsets_sent_to_a_transaction_become_the_groups_only_when_it_commits()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("in", 1);
        cluster.CreateTopic("out", 1);
        using var groupConsumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "eos-group",
            EnableAutoCommit = false,
        }).Build();
        var input = new TopicPartition("in", 0);
        using var producer = Producer(cluster, "txn-offsets");
        producer.InitTransactions(Timeout);

        producer.BeginTransaction();
        producer.Produce(new TopicPartition("out", 0), new Message<string, string> { Key = "k", Value = "aborted" });
        producer.SendOffsetsToTransaction([new TopicPartitionOffset(input, 7)], groupConsumer.ConsumerGroupMetadata, Timeout);
        producer.AbortTransaction(Timeout);
        groupConsumer.Committed([input], Timeout).Single().Offset.Should().Be(Offset.Unset, "an aborted transaction's offsets are dropped");

        producer.BeginTransaction();
        producer.Produce(new TopicPartition("out", 0), new Message<string, string> { Key = "k", Value = "committed" });
        producer.SendOffsetsToTransaction([new TopicPartitionOffset(input, 42)], groupConsumer.ConsumerGroupMetadata, Timeout);
        groupConsumer.Committed([input], Timeout).Single().Offset.Should().Be(Offset.Unset, "offsets stay pending until the commit");
        producer.CommitTransaction(Timeout);

        groupConsumer.Committed([input], Timeout).Single().Offset.Value.Should().Be(42);
        ReadAll(cluster, "out", 1, IsolationLevel.ReadCommitted).Should().Equal("committed");
    }

    [Test]
    public async Task A_second_producer_with_the_same_transactional_id_fences_the_first()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("fence", 1);
        using var first = Producer(cluster, "txn-fence");
        first.InitTransactions(Timeout);
        first.BeginTransaction();
        first.Produce(new TopicPartition("fence", 0), new Message<string, string> { Key = "k", Value = "zombie" });
        first.Flush(Timeout).Should().Be(0);

        using var second = Producer(cluster, "txn-fence");
        second.InitTransactions(Timeout);
        ProduceInTransaction(second, "fence", "successor-", 3, commit: true);

        var commit = () => first.CommitTransaction(Timeout);
        commit.Should().Throw<KafkaException>().Which.Error.Code.Should().BeOneOf(ErrorCode.Local_Fenced, ErrorCode.ProducerFenced, ErrorCode.InvalidProducerEpoch);
        ReadAll(cluster, "fence", 1, IsolationLevel.ReadCommitted).Should().Equal("successor-0", "successor-1", "successor-2");
        ReadAll(cluster, "fence", 1, IsolationLevel.ReadUncommitted).Should().Contain("zombie", "the zombie's records stay in the log, aborted");
    }

    [Test]
    public async Task Killing_the_transaction_coordinator_mid_transaction_moves_it_and_the_transaction_commits()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("failover", 3, replicationFactor: 3);
        const string TransactionalId = "txn-failover";
        using var producer = Producer(cluster, TransactionalId);
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        for (var i = 0; i < 30; i++)
        {
            producer.Produce(new TopicPartition("failover", i % 3), new Message<string, string> { Key = "k", Value = $"v{i}" });
        }

        producer.Flush(Timeout).Should().Be(0);
        var coordinator = cluster.CoordinatorOf(TransactionalId);
        cluster.KillBroker(coordinator);
        cluster.CoordinatorOf(TransactionalId).Should().NotBe(coordinator);
        for (var i = 30; i < 60; i++)
        {
            producer.Produce(new TopicPartition("failover", i % 3), new Message<string, string> { Key = "k", Value = $"v{i}" });
        }

        producer.CommitTransaction(Timeout);

        ReadAll(cluster, "failover", 3, IsolationLevel.ReadCommitted).Should().HaveCount(60);
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task A_transaction_left_open_past_its_timeout_is_aborted_by_the_coordinator()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("timeout", 1);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            TransactionalId = "txn-timeout",
            TransactionTimeoutMs = 1000,
        }).Build();
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        producer.Produce("timeout", new Message<string, string> { Key = "k", Value = "expired" });
        producer.Flush(Timeout).Should().Be(0);

        await Eventually.TrueAsync(() => cluster.TransactionsTimedOut == 1, Timeout, "the coordinator aborts the transaction after transaction.timeout.ms");

        cluster.LastStableOffset("timeout", 0).Should().Be(cluster.HighWatermark("timeout", 0), "the ABORT marker closed the transaction");
        var commit = () => producer.CommitTransaction(Timeout);
        commit.Should().Throw<KafkaException>("the coordinator bumped the epoch when it aborted");
        ReadAll(cluster, "timeout", 1, IsolationLevel.ReadCommitted).Should().BeEmpty();
        ReadAll(cluster, "timeout", 1, IsolationLevel.ReadUncommitted).Should().Equal("expired");
    }

    private static IProducer<string, string> Producer(EmbeddedCluster cluster, string transactionalId) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            TransactionalId = transactionalId,
            LingerMs = 5,
        }).Build();

    private static IConsumer<string, string> Consumer(EmbeddedCluster cluster, IsolationLevel isolation) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = isolation,
        }).Build();

    private static void ProduceInTransaction(IProducer<string, string> producer, string topic, string prefix, int count, bool commit)
    {
        producer.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(topic, new Message<string, string> { Key = $"k{i}", Value = $"{prefix}{i}" });
        }

        if (commit)
        {
            producer.CommitTransaction(Timeout);
        }
        else
        {
            producer.Flush(Timeout).Should().Be(0);
            producer.AbortTransaction(Timeout);
        }
    }

    /// <summary>Every value of the topic a consumer at <paramref name="isolation"/> sees, reading each partition to its end.</summary>
    private static List<string> ReadAll(EmbeddedCluster cluster, string topic, int partitions, IsolationLevel isolation)
    {
        using var consumer = Consumer(cluster, isolation);
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var values = new List<string>();
        var ended = new HashSet<int>();
        var deadline = DateTime.UtcNow + Timeout;
        while (ended.Count < partitions)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"every partition of {topic} should reach its end");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                ended.Add(result.Partition.Value);
                continue;
            }

            values.Add(result.Message.Value);
        }

        return values;
    }
}
