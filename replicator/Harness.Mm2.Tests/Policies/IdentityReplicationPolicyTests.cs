using Harness.Mm2.Policies;

namespace Harness.Mm2.Tests.Policies;

public sealed class IdentityReplicationPolicyTests
{
    private static readonly IdentityReplicationPolicy Identity = new();

    [TestCase("orders", ExpectedResult = "orders")]
    [TestCase("a.orders", ExpectedResult = "a.orders")]
    [TestCase("heartbeats", ExpectedResult = "src.heartbeats")]
    [TestCase("a.heartbeats", ExpectedResult = "src.a.heartbeats")]
    [TestCase("service-heartbeats", ExpectedResult = "src.service-heartbeats")]
    [TestCase("heartbeats-v2", ExpectedResult = "heartbeats-v2")]
    public string FormatRemoteTopic_keeps_names_except_for_heartbeats(string topic) =>
        Identity.FormatRemoteTopic("src", topic);

    [TestCase("orders", ExpectedResult = null)]
    [TestCase("a.orders", ExpectedResult = null)]
    [TestCase("a.heartbeats", ExpectedResult = "a")]
    [TestCase("heartbeats", ExpectedResult = null)]
    [TestCase("service-heartbeats", ExpectedResult = null)]
    public string? TopicSource_is_known_only_for_heartbeats(string topic) => Identity.TopicSource(topic);

    [Test]
    public void TopicSource_reports_the_configured_alias_for_ordinary_topics()
    {
        var policy = new IdentityReplicationPolicy(sourceClusterAlias: "primary");

        policy.SourceClusterAlias.Should().Be("primary");
        policy.TopicSource("orders").Should().Be("primary");
        policy.TopicSource("b.heartbeats").Should().Be("b");
        policy.TopicSource("heartbeats").Should().BeNull();
    }

    [TestCase("orders", ExpectedResult = "orders")]
    [TestCase("a.orders", ExpectedResult = "a.orders")]
    [TestCase("a.heartbeats", ExpectedResult = "heartbeats")]
    [TestCase("a.b.heartbeats", ExpectedResult = "b.heartbeats")]
    [TestCase("heartbeats", ExpectedResult = null)]
    [TestCase("service-heartbeats", ExpectedResult = null)]
    public string? UpstreamTopic_is_the_topic_itself_except_for_heartbeats(string topic) => Identity.UpstreamTopic(topic);

    [TestCase("orders", ExpectedResult = "orders")]
    [TestCase("a.orders", ExpectedResult = "a.orders")]
    [TestCase("a.b.heartbeats", ExpectedResult = "heartbeats")]
    [TestCase("heartbeats", ExpectedResult = "heartbeats")]
    [TestCase("x.service-heartbeats", ExpectedResult = "service-heartbeats")]
    public string OriginalTopic_stops_where_the_name_no_longer_changes(string topic) => Identity.OriginalTopic(topic);

    [TestCase("heartbeats", ExpectedResult = true)]
    [TestCase("a.heartbeats", ExpectedResult = true)]
    [TestCase("a.b.heartbeats", ExpectedResult = true)]
    [TestCase("service-heartbeats", ExpectedResult = false)]
    [TestCase("x.service-heartbeats", ExpectedResult = false)]
    [TestCase("orders", ExpectedResult = false)]
    public bool IsHeartbeatsTopic(string topic) => Identity.IsHeartbeatsTopic(topic);

    [Test]
    public void Internal_topics_are_those_of_the_default_policy()
    {
        Identity.HeartbeatsTopic.Should().Be("heartbeats");
        Identity.OffsetSyncsTopic("b").Should().Be("mm2-offset-syncs.b.internal");
        Identity.CheckpointsTopic("a").Should().Be("a.checkpoints.internal");
        Identity.IsCheckpointsTopic("a.checkpoints.internal").Should().BeTrue();
        Identity.IsMm2InternalTopic("mm2-offset-syncs.b.internal").Should().BeTrue();
        Identity.IsMm2InternalTopic("orders.internal").Should().BeFalse();
        Identity.IsInternalTopic("__consumer_offsets").Should().BeTrue();
        Identity.IsInternalTopic(".hidden").Should().BeTrue();
        Identity.IsInternalTopic("a.checkpoints.internal").Should().BeTrue();
        Identity.IsInternalTopic("orders").Should().BeFalse();
        Identity.IsInternalTopic("mm2-offsets-a-internal").Should().BeFalse();
    }

    [Test]
    public void Custom_separator_applies_to_heartbeats_and_internal_topics()
    {
        var policy = new IdentityReplicationPolicy("_");

        policy.Separator.Should().Be("_");
        policy.FormatRemoteTopic("src", "heartbeats").Should().Be("src_heartbeats");
        policy.FormatRemoteTopic("src", "a_b").Should().Be("a_b");
        policy.UpstreamTopic("src_heartbeats").Should().Be("heartbeats");
        policy.IsHeartbeatsTopic("a_b_heartbeats").Should().BeTrue();
        policy.IsHeartbeatsTopic("a.heartbeats").Should().BeFalse();
        policy.OffsetSyncsTopic("b").Should().Be("mm2-offset-syncs_b_internal");
        policy.CheckpointsTopic("a").Should().Be("a_checkpoints_internal");
        policy.IsMm2InternalTopic("mm2-offset-syncs_b_internal").Should().BeTrue();
    }

    [Test]
    public void Internal_topic_separator_can_be_disabled()
    {
        var policy = new IdentityReplicationPolicy("_", internalTopicSeparatorEnabled: false);

        policy.OffsetSyncsTopic("b").Should().Be("mm2-offset-syncs.b.internal");
        policy.FormatRemoteTopic("src", "heartbeats").Should().Be("src_heartbeats");
    }

    [Test]
    public void Rejects_an_empty_separator()
    {
        var act = () => new IdentityReplicationPolicy("");

        act.Should().Throw<ArgumentException>();
    }
}
