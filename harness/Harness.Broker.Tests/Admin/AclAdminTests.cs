using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Admin;

/// <summary>
/// ACL admin calls through librdkafka against the broker, which has no authorizer. The broker answers SECURITY_DISABLED
/// (checked on the wire in TransactionAdminWireTests); librdkafka drops a DescribeAcls response's error code, so against
/// it, as against Kafka without an authorizer, the listing comes back empty and without error.
/// </summary>
[Category("Integration")]
public sealed class AclAdminTests
{
    [Test]
    public async Task AdminClient_DescribeAcls_without_an_authorizer_lists_nothing_as_against_Kafka()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1 });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var anything = new AclBindingFilter
        {
            PatternFilter = new ResourcePatternFilter { Type = ResourceType.Any, ResourcePatternType = ResourcePatternType.Any },
            EntryFilter = new AccessControlEntryFilter { Operation = AclOperation.Any, PermissionType = AclPermissionType.Any },
        };

        var result = await admin.DescribeAclsAsync(anything);

        result.AclBindings.Should().BeEmpty();
        cluster.InternalErrors.Should().Be(0);
    }
}
