using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using Harness.Broker.Security;
using SecurityProtocol = Harness.Broker.Security.SecurityProtocol;

namespace Harness.Broker.Tests.Security;

/// <summary>The ACL authorizer through Confluent.Kafka: a user without ACLs is refused, CreateAcls lets it in, DeleteAcls shuts it out.</summary>
[Category("Integration")]
public sealed class AclTests
{
    [Test]
    public async Task Acls_created_by_a_super_user_let_another_user_produce_and_consume_and_deleting_them_refuses_it_again()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity
            {
                Protocol = SecurityProtocol.SaslPlaintext,
                Users = new Dictionary<string, string> { ["alice"] = "alice-secret", ["bob"] = "bob-secret" },
                SuperUsers = ["alice"],
            },
        });
        cluster.CreateTopic("orders", 3);
        using var admin = new AdminClientBuilder(new AdminClientConfig().Secure(cluster, SaslMechanisms.ScramSha256, "alice", "alice-secret")).Build();

        ProduceError(cluster).Should().Be(ErrorCode.TopicAuthorizationFailed, "bob has no ACL yet");
        MetadataTopics(cluster).Should().BeEmpty("a topic bob may not describe is not listed");

        await admin.CreateAclsAsync(
        [
            Binding(ResourceType.Topic, "ord", ResourcePatternType.Prefixed, Confluent.Kafka.Admin.AclOperation.Write),
            Binding(ResourceType.Topic, "orders", ResourcePatternType.Literal, Confluent.Kafka.Admin.AclOperation.Read),
            Binding(ResourceType.Group, "secure-readers", ResourcePatternType.Literal, Confluent.Kafka.Admin.AclOperation.Read),
        ]);

        MetadataTopics(cluster).Should().Equal("orders");
        SecureClients.RoundTrip(cluster, "orders", 100, c => c.Secure(cluster, SaslMechanisms.ScramSha256, "bob", "bob-secret")).Should().BeNull();
        var described = await admin.DescribeAclsAsync(new AclBindingFilter
        {
            PatternFilter = new ResourcePatternFilter { Type = ResourceType.Any, ResourcePatternType = ResourcePatternType.Any },
            EntryFilter = new AccessControlEntryFilter { Operation = Confluent.Kafka.Admin.AclOperation.Any, PermissionType = AclPermissionType.Any },
        });
        described.AclBindings.Should().HaveCount(3);

        var deleted = await admin.DeleteAclsAsync([new AclBindingFilter
        {
            PatternFilter = new ResourcePatternFilter { Type = ResourceType.Topic, ResourcePatternType = ResourcePatternType.Any },
            EntryFilter = new AccessControlEntryFilter { Principal = "User:bob", Operation = Confluent.Kafka.Admin.AclOperation.Write, PermissionType = AclPermissionType.Any },
        }]);

        deleted.Single().AclBindings.Should().ContainSingle().Which.Pattern.Name.Should().Be("ord");
        ProduceError(cluster).Should().Be(ErrorCode.TopicAuthorizationFailed);
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task Acls_a_deny_wins_and_a_user_that_is_not_super_cannot_create_acls()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity
            {
                Protocol = SecurityProtocol.SaslPlaintext,
                Users = new Dictionary<string, string> { ["bob"] = "bob-secret" },
                Acls =
                [
                    Harness.Broker.Security.AclBinding.Allow("*", Harness.Broker.Security.AclOperation.All, AclResourceType.Topic, "*"),
                    new Harness.Broker.Security.AclBinding(AclResourceType.Topic, "orders", AclPatternType.Literal, "User:bob", "*", Harness.Broker.Security.AclOperation.Write, AclPermission.Deny),
                ],
            },
        });
        cluster.CreateTopic("orders", 1);
        using var admin = new AdminClientBuilder(new AdminClientConfig().Secure(cluster, SaslMechanisms.Plain, "bob", "bob-secret")).Build();

        ProduceError(cluster).Should().Be(ErrorCode.TopicAuthorizationFailed);
        var create = async () => await admin.CreateAclsAsync([Binding(ResourceType.Topic, "x", ResourcePatternType.Literal, Confluent.Kafka.Admin.AclOperation.Write)]);
        (await create.Should().ThrowAsync<CreateAclsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.ClusterAuthorizationFailed);
    }

    [Test]
    public async Task Acls_a_transactional_producer_needs_write_on_its_transactional_id()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity
            {
                Protocol = SecurityProtocol.SaslPlaintext,
                Users = new Dictionary<string, string> { ["bob"] = "bob-secret" },
                Acls = [Harness.Broker.Security.AclBinding.Allow("bob", Harness.Broker.Security.AclOperation.Write, AclResourceType.Topic, "orders")],
            },
        });
        cluster.CreateTopic("orders", 1);
        var config = new ProducerConfig { TransactionalId = "bob-tx" }.Secure(cluster, SaslMechanisms.Plain, "bob", "bob-secret");
        using var producer = new ProducerBuilder<Null, string>(config).Build();

        var init = () => producer.InitTransactions(TimeSpan.FromSeconds(20));

        init.Should().Throw<KafkaException>().Which.Error.Code.Should().Be(ErrorCode.TransactionalIdAuthorizationFailed);
    }

    [Test]
    public async Task Acls_creating_a_topic_needs_create_and_deleting_one_needs_delete()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity
            {
                Protocol = SecurityProtocol.SaslPlaintext,
                Users = new Dictionary<string, string> { ["bob"] = "bob-secret" },
                Acls = [Harness.Broker.Security.AclBinding.Allow("bob", Harness.Broker.Security.AclOperation.Create, AclResourceType.Topic, "bob-", AclPatternType.Prefixed)],
            },
        });
        using var admin = new AdminClientBuilder(new AdminClientConfig().Secure(cluster, SaslMechanisms.Plain, "bob", "bob-secret")).Build();

        await admin.CreateTopicsAsync([new TopicSpecification { Name = "bob-own", NumPartitions = 1, ReplicationFactor = 1 }]);
        var other = async () => await admin.CreateTopicsAsync([new TopicSpecification { Name = "shared", NumPartitions = 1, ReplicationFactor = 1 }]);
        var delete = async () => await admin.DeleteTopicsAsync(["bob-own"]);

        (await other.Should().ThrowAsync<CreateTopicsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        (await delete.Should().ThrowAsync<DeleteTopicsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
        cluster.TopicNames.Should().Equal("bob-own");
    }

    private static Confluent.Kafka.Admin.AclBinding Binding(ResourceType type, string name, ResourcePatternType pattern, Confluent.Kafka.Admin.AclOperation operation) => new()
    {
        Pattern = new ResourcePattern { Type = type, Name = name, ResourcePatternType = pattern },
        Entry = new AccessControlEntry { Principal = "User:bob", Host = "*", Operation = operation, PermissionType = AclPermissionType.Allow },
    };

    private static ErrorCode ProduceError(EmbeddedCluster cluster)
    {
        var config = new ProducerConfig { MessageTimeoutMs = 10_000 }.Secure(cluster, SaslMechanisms.Plain, "bob", "bob-secret");
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        try
        {
            producer.ProduceAsync(new TopicPartition("orders", 0), new Message<Null, string> { Value = "x" }).GetAwaiter().GetResult();
            return ErrorCode.NoError;
        }
        catch (ProduceException<Null, string> e)
        {
            return e.Error.Code;
        }
    }

    private static List<string> MetadataTopics(EmbeddedCluster cluster)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig().Secure(cluster, SaslMechanisms.Plain, "bob", "bob-secret")).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic).ToList();
    }
}
