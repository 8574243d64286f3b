using System.Diagnostics;
using Harness.Broker.Cluster;

namespace Harness.RdKafka.Tests;

/// <summary>
/// The native producer's transactional calls: librdkafka's error objects are read into the kind the caller acts on
/// (a caller's mistake, or a fenced producer that is fatal), and commit and abort work against the embedded broker.
/// </summary>
public sealed class NativeTransactionTests
{
    private const int CallMs = 30_000;

    [Test]
    public void A_producer_without_a_transactional_id_refuses_transactions_as_a_caller_mistake()
    {
        // Nothing listens there: librdkafka refuses the call before it needs a broker.
        using var producer = new NativeProducer(new Dictionary<string, string> { ["bootstrap.servers"] = "127.0.0.1:1", ["log_level"] = "0" }, "t");

        var first = producer.BeginTransaction();
        var second = producer.BeginTransaction();

        first.Should().NotBeNull();
        first!.Kind.Should().Be(TransactionErrorKind.Other);
        first.Code.Should().BeNegative("a local error, not a broker's");
        first.Text.Should().Contain("transactional.id");
        second.Should().Be(first, "each call reads its own error object and frees it");
    }

    [Test]
    [Category("Integration")]
    public async Task Commit_and_abort_succeed_and_a_producer_fenced_by_a_newer_one_fails_fatally()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("txn", 1);
        using var first = new NativeProducer(Settings(cluster.BootstrapServers), "txn");
        first.InitTransactions(CallMs).Should().BeNull();

        first.BeginTransaction().Should().BeNull();
        Produce(first, 3);
        first.CommitTransaction(CallMs).Should().BeNull();
        first.BeginTransaction().Should().BeNull();
        Produce(first, 2);
        first.AbortTransaction(CallMs).Should().BeNull();

        using var second = new NativeProducer(Settings(cluster.BootstrapServers), "txn");
        second.InitTransactions(CallMs).Should().BeNull();
        first.BeginTransaction().Should().BeNull("beginning is local; the coordinator learns of it with the first record");
        Produce(first, 1, expectFailure: true);
        var fenced = first.CommitTransaction(CallMs);

        fenced.Should().NotBeNull();
        fenced!.Kind.Should().Be(TransactionErrorKind.Fatal, fenced.ToString());
    }

    private static Dictionary<string, string> Settings(string bootstrap) => new()
    {
        ["bootstrap.servers"] = bootstrap,
        ["transactional.id"] = "native-transaction-test",
        ["linger.ms"] = "2",
        ["log_level"] = "0",
    };

    /// <summary>Sends <paramref name="count"/> records and serves their delivery reports.</summary>
    private static unsafe void Produce(NativeProducer producer, int count, bool expectFailure = false)
    {
        var value = "value"u8;
        fixed (byte* pointer = value)
        {
            for (var i = 0; i < count; i++)
            {
                producer.TryProduce([
                    VarArg.Pointer(VarArgType.TopicHandle, producer.TopicHandle), VarArg.Integer(VarArgType.Partition, 0),
                    VarArg.Memory(VarArgType.Value, pointer, value.Length), VarArg.Integer(VarArgType.MessageFlags, LibRdKafka.MessageCopy)]).Should().BeTrue();
            }
        }

        var sink = new CollectingSink();
        var clock = Stopwatch.StartNew();
        while (sink.Count < count && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            producer.Poll(100, sink);
        }

        sink.Count.Should().Be(count);
        if (!expectFailure)
        {
            sink.Errors.Should().BeEmpty();
        }
    }
}
