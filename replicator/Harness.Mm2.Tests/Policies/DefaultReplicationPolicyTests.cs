using Harness.Mm2.Policies;

namespace Harness.Mm2.Tests.Policies;

public sealed class DefaultReplicationPolicyTests
{
    private static readonly DefaultReplicationPolicy Dot = new();
    private static readonly DefaultReplicationPolicy Underscore = new("_");
    private static readonly DefaultReplicationPolicy DoubleUnderscore = new("__");

    [Test]
    public void Defaults_to_a_dot_separator()
    {
        Dot.Separator.Should().Be(".");
        Dot.InternalTopicSeparatorEnabled.Should().BeTrue();
        Dot.HeartbeatsTopic.Should().Be("heartbeats");
    }

    [TestCase("us-west", "topic1", ExpectedResult = "us-west.topic1")]
    [TestCase("a", "b.c", ExpectedResult = "a.b.c")]
    [TestCase("a", "heartbeats", ExpectedResult = "a.heartbeats")]
    public string FormatRemoteTopic_prefixes_the_alias(string alias, string topic) => Dot.FormatRemoteTopic(alias, topic);

    // Kafka splits at every separator with Java's String.split, which drops trailing empty parts but keeps a
    // leading one.
    [TestCase("us-west.topic1", ExpectedResult = "us-west")]
    [TestCase("a.b.c", ExpectedResult = "a")]
    [TestCase("topic1", ExpectedResult = null)]
    [TestCase("", ExpectedResult = null)]
    [TestCase(".hidden", ExpectedResult = "")]
    [TestCase("..a", ExpectedResult = "")]
    [TestCase("a.", ExpectedResult = null)]
    [TestCase("a..", ExpectedResult = null)]
    [TestCase(".", ExpectedResult = null)]
    [TestCase("a..b", ExpectedResult = "a")]
    [TestCase("a.b.", ExpectedResult = "a")]
    public string? TopicSource_is_the_first_part(string topic) => Dot.TopicSource(topic);

    [TestCase("us-west.topic1", ExpectedResult = "topic1")]
    [TestCase("a.b.c", ExpectedResult = "b.c")]
    [TestCase("topic1", ExpectedResult = null)]
    [TestCase(".hidden", ExpectedResult = "hidden")]
    [TestCase("a..b", ExpectedResult = ".b")]
    [TestCase("a.b.", ExpectedResult = "b.")]
    [TestCase("a.", ExpectedResult = null)]
    public string? UpstreamTopic_removes_one_hop(string topic) => Dot.UpstreamTopic(topic);

    [TestCase("a.b.c", ExpectedResult = "c")]
    [TestCase("topic1", ExpectedResult = "topic1")]
    [TestCase("us-west.topic1", ExpectedResult = "topic1")]
    [TestCase("a..b", ExpectedResult = "b")]
    [TestCase("a.b.", ExpectedResult = "b.")]
    [TestCase(".hidden", ExpectedResult = "hidden")]
    public string OriginalTopic_removes_every_hop(string topic) => Dot.OriginalTopic(topic);

    [Test]
    public void Internal_topic_names()
    {
        Dot.OffsetSyncsTopic("b").Should().Be("mm2-offset-syncs.b.internal");
        Dot.CheckpointsTopic("a").Should().Be("a.checkpoints.internal");
    }

    [TestCase("heartbeats", ExpectedResult = true)]
    [TestCase("a.heartbeats", ExpectedResult = true)]
    [TestCase("a.b.heartbeats", ExpectedResult = true)]
    [TestCase("heartbeats.a", ExpectedResult = false)]
    [TestCase("myheartbeats", ExpectedResult = false)]
    [TestCase("a.myheartbeats", ExpectedResult = false)]
    [TestCase("a_heartbeats", ExpectedResult = false)]
    public bool IsHeartbeatsTopic_looks_at_the_original_name(string topic) => Dot.IsHeartbeatsTopic(topic);

    [TestCase("a.checkpoints.internal", ExpectedResult = true)]
    [TestCase("x.y.checkpoints.internal", ExpectedResult = true)]
    [TestCase("checkpoints.internal", ExpectedResult = false)]
    [TestCase("a_checkpoints_internal", ExpectedResult = false)]
    [TestCase("a.checkpoints.internal.x", ExpectedResult = false)]
    public bool IsCheckpointsTopic_matches_the_suffix(string topic) => Dot.IsCheckpointsTopic(topic);

    [TestCase("mm2-offset-syncs.b.internal", ExpectedResult = true)]
    [TestCase("mm2-offsets.a.internal", ExpectedResult = true)]
    [TestCase("mm2-configs.a.internal", ExpectedResult = true)]
    [TestCase("mm2-status.a.internal", ExpectedResult = true)]
    [TestCase("mm2.internal", ExpectedResult = true)]
    [TestCase("a.checkpoints.internal", ExpectedResult = true)]
    [TestCase("orders.internal", ExpectedResult = false)]
    [TestCase("mm2-offsets-a-internal", ExpectedResult = false)]
    [TestCase("MM2-offsets.a.internal", ExpectedResult = false)]
    [TestCase("heartbeats", ExpectedResult = false)]
    public bool IsMm2InternalTopic_needs_the_mm2_prefix_or_a_checkpoints_suffix(string topic) => Dot.IsMm2InternalTopic(topic);

    [TestCase("__consumer_offsets", ExpectedResult = true)]
    [TestCase("__transaction_state", ExpectedResult = true)]
    [TestCase(".hidden", ExpectedResult = true)]
    [TestCase("mm2-offsets.CLUSTER.internal", ExpectedResult = true)]
    [TestCase("a.checkpoints.internal", ExpectedResult = true)]
    [TestCase("_single_underscore", ExpectedResult = false)]
    [TestCase("mm2-offsets-CLUSTER-internal", ExpectedResult = false)]
    [TestCase("mm2-offsets_CLUSTER_internal", ExpectedResult = false)]
    [TestCase("orders.internal", ExpectedResult = false)]
    [TestCase("connect-offsets-internal", ExpectedResult = false)]
    [TestCase("heartbeats", ExpectedResult = false)]
    [TestCase("orders", ExpectedResult = false)]
    public bool IsInternalTopic_follows_Kafka_4(string topic) => Dot.IsInternalTopic(topic);

    [Test]
    public void Custom_separator_names_remote_topics()
    {
        Underscore.FormatRemoteTopic("us-west", "topic1").Should().Be("us-west_topic1");
        Underscore.TopicSource("us-west_topic1").Should().Be("us-west");
        Underscore.TopicSource("us.west.topic1").Should().BeNull();
        Underscore.UpstreamTopic("a_b_c").Should().Be("b_c");
        Underscore.OriginalTopic("a_b_c").Should().Be("c");
        Underscore.OriginalTopic("a.b.c").Should().Be("a.b.c");
    }

    [Test]
    public void Custom_separator_is_used_in_internal_topic_names()
    {
        Underscore.OffsetSyncsTopic("b").Should().Be("mm2-offset-syncs_b_internal");
        Underscore.CheckpointsTopic("a").Should().Be("a_checkpoints_internal");
        Underscore.HeartbeatsTopic.Should().Be("heartbeats");
    }

    [Test]
    public void Custom_separator_changes_which_topics_are_internal()
    {
        Underscore.IsCheckpointsTopic("a_checkpoints_internal").Should().BeTrue();
        Underscore.IsCheckpointsTopic("a.checkpoints.internal").Should().BeFalse();
        Underscore.IsMm2InternalTopic("mm2-offset-syncs_b_internal").Should().BeTrue();
        Underscore.IsMm2InternalTopic("mm2-offset-syncs.b.internal").Should().BeFalse();
        Underscore.IsInternalTopic("mm2-offsets.CLUSTER.internal").Should().BeFalse();
        Underscore.IsInternalTopic("mm2-offsets_CLUSTER_internal").Should().BeTrue();

        // The Kafka-internal prefixes do not depend on the separator.
        Underscore.IsInternalTopic("__consumer_offsets").Should().BeTrue();
        Underscore.IsInternalTopic(".hidden").Should().BeTrue();
    }

    [Test]
    public void Custom_separator_applies_to_heartbeats_hops()
    {
        Underscore.IsHeartbeatsTopic("a_heartbeats").Should().BeTrue();
        Underscore.IsHeartbeatsTopic("a_b_heartbeats").Should().BeTrue();
        Underscore.IsHeartbeatsTopic("a.heartbeats").Should().BeFalse();
    }

    [Test]
    public void Multi_character_separator_splits_left_to_right()
    {
        DoubleUnderscore.FormatRemoteTopic("a", "t").Should().Be("a__t");
        DoubleUnderscore.TopicSource("a___b").Should().Be("a");
        DoubleUnderscore.UpstreamTopic("a___b").Should().Be("_b");
        DoubleUnderscore.TopicSource("a____").Should().BeNull();
        DoubleUnderscore.TopicSource("a_b").Should().BeNull();
        DoubleUnderscore.TopicSource("__consumer_offsets").Should().Be("");
        DoubleUnderscore.OffsetSyncsTopic("CLUSTER").Should().Be("mm2-offset-syncs__CLUSTER__internal");
        DoubleUnderscore.CheckpointsTopic("CLUSTER").Should().Be("CLUSTER__checkpoints__internal");
    }

    [Test]
    public void Internal_topic_separator_can_be_disabled_for_the_old_names()
    {
        var policy = new DefaultReplicationPolicy("__", internalTopicSeparatorEnabled: false);

        policy.OffsetSyncsTopic("CLUSTER").Should().Be("mm2-offset-syncs.CLUSTER.internal");
        policy.CheckpointsTopic("CLUSTER").Should().Be("CLUSTER.checkpoints.internal");
        policy.IsCheckpointsTopic("CLUSTER.checkpoints.internal").Should().BeTrue();
        policy.IsMm2InternalTopic("mm2-offset-syncs.CLUSTER.internal").Should().BeTrue();
        policy.HeartbeatsTopic.Should().Be("heartbeats");
        policy.FormatRemoteTopic("a", "t").Should().Be("a__t");
    }

    [Test]
    public void Remote_names_round_trip([Values(".", "_", "__", "-->")] string separator)
    {
        var policy = new DefaultReplicationPolicy(separator);
        var twoHops = policy.FormatRemoteTopic("b", policy.FormatRemoteTopic("a", "orders"));

        policy.TopicSource(twoHops).Should().Be("b");
        policy.UpstreamTopic(twoHops).Should().Be(policy.FormatRemoteTopic("a", "orders"));
        policy.OriginalTopic(twoHops).Should().Be("orders");
        policy.IsHeartbeatsTopic(policy.FormatRemoteTopic("a", "heartbeats")).Should().BeTrue();
        policy.IsMm2InternalTopic(policy.OffsetSyncsTopic("b")).Should().BeTrue();
        policy.IsInternalTopic(policy.CheckpointsTopic("a")).Should().BeTrue();
    }

    [Test]
    public void Rejects_an_empty_separator()
    {
        var act = () => new DefaultReplicationPolicy("");

        act.Should().Throw<ArgumentException>().WithMessage("*separator*");
    }

    [Test]
    public void Rejects_null_topics()
    {
        ((Action)(() => Dot.TopicSource(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => Dot.IsInternalTopic(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => Dot.FormatRemoteTopic("a", null!))).Should().Throw<ArgumentNullException>();
    }
}
