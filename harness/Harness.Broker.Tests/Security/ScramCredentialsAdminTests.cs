using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using Harness.Broker.Security;
using ScramMechanism = Confluent.Kafka.Admin.ScramMechanism;
using SecurityProtocol = Harness.Broker.Security.SecurityProtocol;

namespace Harness.Broker.Tests.Security;

/// <summary>Confluent.Kafka's admin SCRAM APIs: describe, upsert (then log in with it), delete (then fail to), and refusals.</summary>
[Category("Integration")]
public sealed class ScramCredentialsAdminTests
{
    [Test]
    public async Task Admin_describes_upserts_and_deletes_scram_credentials_and_logins_follow()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity { Protocol = SecurityProtocol.SaslPlaintext, Users = new Dictionary<string, string> { ["alice"] = "alice-secret" }, SuperUsers = ["alice"] },
        });
        using var admin = new AdminClientBuilder(new AdminClientConfig().Secure(cluster, SaslMechanisms.ScramSha512, "alice", "alice-secret")).Build();

        var before = await admin.DescribeUserScramCredentialsAsync([]);
        before.UserScramCredentialsDescriptions.Should().ContainSingle(d => d.User == "alice")
            .Which.ScramCredentialInfos.Select(i => (i.Mechanism, i.Iterations)).Should().Equal((ScramMechanism.ScramSha256, 4096), (ScramMechanism.ScramSha512, 4096));

        await admin.AlterUserScramCredentialsAsync([new UserScramCredentialUpsertion
        {
            User = "carol",
            ScramCredentialInfo = new ScramCredentialInfo { Mechanism = ScramMechanism.ScramSha256, Iterations = 8192 },
            Password = "carol-secret"u8.ToArray(),
        }]);

        var carol = await admin.DescribeUserScramCredentialsAsync(["carol"]);
        carol.UserScramCredentialsDescriptions.Single().ScramCredentialInfos.Select(i => (i.Mechanism, i.Iterations)).Should().Equal((ScramMechanism.ScramSha256, 8192));
        SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, SaslMechanisms.ScramSha256, "carol", "carol-secret")).Should().BeNull();
        SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, SaslMechanisms.ScramSha512, "carol", "carol-secret"))!.Code.Should().Be(ErrorCode.Local_Authentication);

        await admin.AlterUserScramCredentialsAsync([new UserScramCredentialDeletion { User = "carol", Mechanism = ScramMechanism.ScramSha256 }]);

        SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, SaslMechanisms.ScramSha256, "carol", "carol-secret"))!.Code.Should().Be(ErrorCode.Local_Authentication);
        var missing = async () => await admin.DescribeUserScramCredentialsAsync(["carol"]);
        (await missing.Should().ThrowAsync<DescribeUserScramCredentialsException>())
            .Which.Results.UserScramCredentialsDescriptions.Single().Error.Code.Should().Be(ErrorCode.ResourceNotFound);
    }

    [Test]
    public async Task Admin_upsert_with_too_few_iterations_is_refused_as_unacceptable()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Brokers = 1,
            Security = new BrokerSecurity { Protocol = SecurityProtocol.SaslPlaintext, Users = new Dictionary<string, string> { ["alice"] = "alice-secret" }, SuperUsers = ["alice"] },
        });
        using var admin = new AdminClientBuilder(new AdminClientConfig().Secure(cluster, SaslMechanisms.Plain, "alice", "alice-secret")).Build();

        var weak = async () => await admin.AlterUserScramCredentialsAsync([new UserScramCredentialUpsertion
        {
            User = "dave",
            ScramCredentialInfo = new ScramCredentialInfo { Mechanism = ScramMechanism.ScramSha512, Iterations = 1000 },
            Password = "dave-secret"u8.ToArray(),
        }]);

        (await weak.Should().ThrowAsync<AlterUserScramCredentialsException>()).Which.Results.Single().Error.Code.Should().Be(ErrorCode.UnacceptableCredential);
    }
}
