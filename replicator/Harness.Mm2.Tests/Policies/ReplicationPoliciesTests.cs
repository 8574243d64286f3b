using Harness.Mm2.Policies;

namespace Harness.Mm2.Tests.Policies;

public sealed class ReplicationPoliciesTests
{
    [TestCase("org.apache.kafka.connect.mirror.DefaultReplicationPolicy")]
    [TestCase("  org.apache.kafka.connect.mirror.DefaultReplicationPolicy\t")]
    [TestCase("default")]
    [TestCase("Default")]
    public void Default_policy_by_name(string name) =>
        ReplicationPolicies.FromClassName(name, ".").Should().BeOfType<DefaultReplicationPolicy>();

    [TestCase("org.apache.kafka.connect.mirror.IdentityReplicationPolicy")]
    [TestCase("identity")]
    [TestCase("IDENTITY")]
    public void Identity_policy_by_name(string name) =>
        ReplicationPolicies.FromClassName(name, ".").Should().BeOfType<IdentityReplicationPolicy>();

    [Test]
    public void Passes_the_separator_on()
    {
        ReplicationPolicies.FromClassName("default", "_").FormatRemoteTopic("a", "t").Should().Be("a_t");
        ReplicationPolicies.FromClassName("identity", "_").FormatRemoteTopic("a", "heartbeats").Should().Be("a_heartbeats");
        ReplicationPolicies.FromClassName("default", "_", internalTopicSeparatorEnabled: false)
            .OffsetSyncsTopic("b").Should().Be("mm2-offset-syncs.b.internal");
    }

    [TestCase("com.example.CustomReplicationPolicy")]
    [TestCase("DefaultReplicationPolicy")]
    [TestCase("org.apache.kafka.connect.mirror.defaultreplicationpolicy")]
    [TestCase("")]
    public void Unknown_names_are_a_clear_error(string name)
    {
        var act = () => ReplicationPolicies.FromClassName(name, ".");

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Unknown replication policy '{name}'*{ReplicationPolicies.DefaultClassName}*'default'*{ReplicationPolicies.IdentityClassName}*'identity'*");
    }

    [Test]
    public void Empty_separator_is_rejected()
    {
        var act = () => ReplicationPolicies.FromClassName("default", "");

        act.Should().Throw<ArgumentException>().WithMessage("*separator*");
    }
}
