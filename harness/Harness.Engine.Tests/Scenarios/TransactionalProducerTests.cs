using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary><c>topics[].producer</c>'s transaction keys: read, defaulted, and refused where they cannot work.</summary>
public sealed class TransactionalProducerTests
{
    [Test]
    public void Transaction_keys_are_read()
    {
        var scenario = ScenarioText.Load("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                producer: {transactional: true, transactionRecords: 50, abortEvery: 4}
            """);

        scenario.Topics[0].Producer.Should().Be(new ProducerSettings { Transactional = true, TransactionRecords = 50, AbortEvery = 4 });
    }

    [Test]
    public void A_transactional_producer_commits_every_100_records_and_aborts_none_by_default()
    {
        var producer = ScenarioText.Load("""
            name: x
            topics:
              - {name: orders, partitions: 1, rate: 100, records: 10, producer: {transactional: true}}
            """).Topics[0].Producer;

        (producer.Transactional, producer.TransactionRecords, producer.AbortEvery, producer.Acks, producer.Idempotence)
            .Should().Be((true, 100, 0, AcksMode.All, true));
        ProducerSettings.Default.Transactional.Should().BeFalse();
    }

    [Test]
    public void Transactions_without_acks_all_are_refused_at_acks()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                producer: {acks: 1, transactional: true}
            """);

        error.Should().Be("test.yaml:7:22: topics[0].producer.acks is not all but the producer is transactional; expected acks: all (transactions require it)");
    }

    [Test]
    public void Transactions_without_idempotence_are_refused_at_idempotence()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                producer: {transactional: true, idempotence: false}
            """);

        error.Should().Be("test.yaml:7:50: topics[0].producer.idempotence is false but the producer is transactional; expected idempotence: true, or leave it out (transactions require it)");
    }

    [Test]
    public void Transaction_sizes_without_transactions_are_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                producer: {transactionRecords: 10}
            """);

        error.Should().Be("test.yaml:7:36: topics[0].producer.transactionRecords is set but the producer is not transactional; expected transactional: true, or remove transactionRecords");
    }

    [TestCase("transactionRecords: 0")]
    [TestCase("abortEvery: -1")]
    public void Out_of_range_transaction_sizes_are_refused(string setting)
    {
        var errors = ScenarioText.Errors($$$"""
            name: x
            topics:
              - {name: orders, partitions: 1, rate: 100, records: 10, producer: {transactional: true, {{{setting}}}}}
            """);

        errors.Should().ContainSingle().Which.Should().Contain("topics[0].producer." + setting.Split(':')[0]);
    }
}
