using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using Harness.Broker.Security;
using AclOperation = Confluent.Kafka.Admin.AclOperation;
using BrokerAcl = Harness.Broker.Security.AclBinding;
using BrokerOperation = Harness.Broker.Security.AclOperation;
using SecurityProtocol = Harness.Broker.Security.SecurityProtocol;

namespace Harness.Broker.Tests.Security;

/// <summary>
/// What a principal may do, as Metadata and DescribeCluster report it without trying, and the ACLs the config, partition,
/// delete-records and idempotent-producer APIs enforce, through Confluent.Kafka. One cluster for every case: alice is a
/// super user, bob may read orders and write audit, carol may only describe orders.
/// </summary>
[Category("Integration")]
public sealed class AuthorizedOperationsTests
{
    private EmbeddedCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity
            {
                Protocol = SecurityProtocol.SaslPlaintext,
                Users = new Dictionary<string, string> { ["alice"] = "alice-secret", ["bob"] = "bob-secret", ["carol"] = "carol-secret" },
                SuperUsers = ["alice"],
                Acls =
                [
                    BrokerAcl.Allow("bob", BrokerOperation.Read, AclResourceType.Topic, "orders"),
                    BrokerAcl.Allow("bob", BrokerOperation.Write, AclResourceType.Topic, "audit"),
                    BrokerAcl.Allow("carol", BrokerOperation.Describe, AclResourceType.Topic, "orders"),
                ],
            },
        });
        _cluster.CreateTopic("orders", 2);
        _cluster.CreateTopic("audit", 1);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task AuthorizedOperations_describe_topics_answers_each_principal_its_own_operations()
    {
        var bob = await Admin("bob").DescribeTopicsAsync(TopicCollection.OfTopicNames(["orders", "audit"]), new DescribeTopicsOptions { IncludeAuthorizedOperations = true });
        var alice = await Admin("alice").DescribeTopicsAsync(TopicCollection.OfTopicNames(["orders"]), new DescribeTopicsOptions { IncludeAuthorizedOperations = true });

        bob.TopicDescriptions.Single(t => t.Name == "orders").AuthorizedOperations.Should().BeEquivalentTo([AclOperation.Read, AclOperation.Describe]);
        bob.TopicDescriptions.Single(t => t.Name == "audit").AuthorizedOperations.Should().BeEquivalentTo([AclOperation.Write, AclOperation.Describe]);
        alice.TopicDescriptions.Single().AuthorizedOperations.Should().BeEquivalentTo(
        [
            AclOperation.Read, AclOperation.Write, AclOperation.Create, AclOperation.Describe, AclOperation.Delete, AclOperation.Alter,
            AclOperation.DescribeConfigs, AclOperation.AlterConfigs,
        ]);
    }

    [Test]
    public async Task AuthorizedOperations_describe_cluster_answers_none_without_describe_and_all_to_a_super_user()
    {
        var bob = await Admin("bob").DescribeClusterAsync(new DescribeClusterOptions { IncludeAuthorizedOperations = true });
        var alice = await Admin("alice").DescribeClusterAsync(new DescribeClusterOptions { IncludeAuthorizedOperations = true });

        (bob.AuthorizedOperations ?? []).Should().BeEmpty();
        alice.AuthorizedOperations.Should().Contain([AclOperation.Create, AclOperation.IdempotentWrite, AclOperation.Describe, AclOperation.AlterConfigs]);
        alice.Nodes.Should().ContainSingle();
    }

    [Test]
    public async Task AuthorizedOperations_describe_configs_needs_describe_configs_on_the_topic_or_the_cluster()
    {
        var describe = async () => await Admin("bob").DescribeConfigsAsync(
        [
            new ConfigResource { Type = ResourceType.Topic, Name = "orders" },
            new ConfigResource { Type = ResourceType.Broker, Name = _cluster.Brokers[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ]);

        var results = (await describe.Should().ThrowAsync<DescribeConfigsException>()).Which.Results;
        results.Single(r => r.ConfigResource.Type == ResourceType.Topic).Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        results.Single(r => r.ConfigResource.Type == ResourceType.Broker).Error.Code.Should().Be(ErrorCode.ClusterAuthorizationFailed);
        (await Admin("alice").DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "orders" }])).Single().Entries.Should().NotBeEmpty();
    }

    [Test]
    public async Task AuthorizedOperations_altering_configs_needs_alter_configs_both_ways()
    {
        var resource = new ConfigResource { Type = ResourceType.Topic, Name = "orders" };
        var whole = async () => await Admin("bob").AlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>> { [resource] = [new ConfigEntry { Name = "retention.ms", Value = "1000" }] });
        var incremental = async () => await Admin("bob").IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [resource] = [new ConfigEntry { Name = "retention.ms", Value = "1000", IncrementalOperation = AlterConfigOpType.Set }],
        });

        (await whole.Should().ThrowAsync<AlterConfigsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        (await incremental.Should().ThrowAsync<IncrementalAlterConfigsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        var retention = (await Admin("alice").DescribeConfigsAsync([resource])).Single().Entries["retention.ms"];
        retention.Source.Should().NotBe(ConfigSource.DynamicTopicConfig, "nothing was altered");
    }

    [Test]
    public async Task AuthorizedOperations_adding_partitions_needs_alter_and_deleting_records_needs_delete()
    {
        var grow = async () => await Admin("bob").CreatePartitionsAsync([new PartitionsSpecification { Topic = "orders", IncreaseTo = 4 }]);
        var delete = async () => await Admin("bob").DeleteRecordsAsync([new TopicPartitionOffset("orders", 0, Offset.End)]);

        (await grow.Should().ThrowAsync<CreatePartitionsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        (await delete.Should().ThrowAsync<DeleteRecordsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        Admin("alice").GetMetadata("orders", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Should().HaveCount(2);
    }

    [Test]
    public void AuthorizedOperations_an_idempotent_producer_needs_write_on_some_topic_or_idempotent_write()
    {
        IdempotentProduceError("carol", "orders").Should().Be(ErrorCode.ClusterAuthorizationFailed, "carol may write no topic and has no IDEMPOTENT_WRITE");
        IdempotentProduceError("bob", "audit").Should().Be(ErrorCode.NoError, "WRITE on audit is enough since Kafka 3.0");
    }

    private ErrorCode IdempotentProduceError(string user, string topic)
    {
        var fatal = ErrorCode.NoError;
        var config = new ProducerConfig { EnableIdempotence = true, MessageTimeoutMs = 10_000 }.Secure(_cluster, SaslMechanisms.Plain, user, $"{user}-secret");
        using var producer = new ProducerBuilder<Null, string>(config).SetErrorHandler((_, e) => fatal = e.IsFatal ? e.Code : fatal).Build();
        try
        {
            producer.ProduceAsync(topic, new Message<Null, string> { Value = "x" }).GetAwaiter().GetResult();
            return ErrorCode.NoError;
        }
        catch (ProduceException<Null, string> e)
        {
            return fatal != ErrorCode.NoError ? fatal : e.Error.Code;
        }
    }

    private IAdminClient Admin(string user)
    {
        var admin = new AdminClientBuilder(new AdminClientConfig().Secure(_cluster, SaslMechanisms.Plain, user, $"{user}-secret")).Build();
        _admins.Add(admin);
        return admin;
    }

    private readonly List<IAdminClient> _admins = [];

    [TearDown]
    public void CloseAdmins()
    {
        foreach (var admin in _admins)
        {
            admin.Dispose();
        }

        _admins.Clear();
    }
}
