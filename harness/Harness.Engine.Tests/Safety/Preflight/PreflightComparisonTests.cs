using Harness.Engine.Safety.Preflight;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Safety.Preflight;

/// <summary>The pre-flight's pure parts: config and ACL differences with MirrorMaker 2's sync rules, probes, API needs and refusal.</summary>
public sealed class PreflightComparisonTests
{
    private static readonly (string Source, string Target)[] Pairs = [("orders", "src.orders")];

    private static Scenario Scenario(string replicatorExtra = "", string topicExtra = "") => ScenarioLoader.Parse($$"""
        name: preflight
        clusters:
          source: {kind: external, bootstrap: "localhost:1"}
          target: {kind: external, bootstrap: "localhost:2"}
        topics:
          - {name: orders, partitions: 3, rate: 100, records: 100{{topicExtra}}}
        replicator: {kind: builtin, sourceAlias: src{{replicatorExtra}}}
        consumers:
          - {group: billing, topics: [orders], progress: 0.5}
        """, "preflight.yaml");

    private static ClusterSnapshot Snapshot(string role, TopicSnapshot topic, IReadOnlyList<AclEntry>? acls = null, bool startedByHarness = false) =>
        new(role, "User:rehearsal")
        {
            StartedByHarness = startedByHarness,
            Topics = new Dictionary<string, TopicSnapshot> { [topic.Name] = topic },
            Acls = acls,
        };

    private static TopicSnapshot Topic(string name, int partitions, params (string Key, string Value)[] configs) => new(name)
    {
        Exists = true,
        Partitions = partitions,
        ReplicationFactor = 3,
        Operations = new HashSet<string> { "READ", "WRITE", "DESCRIBE" },
        Configs = configs.ToDictionary(c => c.Key, c => c.Value),
    };

    [Test]
    public void Config_differences_say_which_settings_mm2_syncs_and_which_it_never_does()
    {
        var source = Snapshot("source", Topic("orders", 3, ("min.insync.replicas", "2"), ("retention.ms", "60000"), ("cleanup.policy", "delete")));
        var target = Snapshot("target", Topic("src.orders", 2, ("min.insync.replicas", "1"), ("retention.ms", "120000"), ("cleanup.policy", "delete")) with { ReplicationFactor = 2 });

        var differences = TopicConfigDiff.Compare(Pairs, source, target, new Mm2ConfigSync(Scenario().Replicator));

        differences.Select(d => (d.Setting, d.SourceValue, d.TargetValue)).Should().Equal(
            ("partitions", "3", "2"), ("replication.factor", "3", "2"), ("min.insync.replicas", "2", "1"), ("retention.ms", "60000", "120000"));
        differences[0].Mm2.Should().StartWith("MM2 adds target partitions");
        differences[1].Mm2.Should().StartWith("never synced: MM2 sets it only when it creates the topic");
        differences[2].Mm2.Should().StartWith("never synced: excluded by MM2's config.properties.exclude");
        differences[3].Mm2.Should().StartWith("synced from the source");
    }

    [Test]
    public void Config_differences_follow_the_replicators_own_exclude_list_and_a_disabled_sync()
    {
        var own = new Mm2ConfigSync(Scenario(@", properties: {config.properties.exclude: 'retention\..*'}").Replicator);
        var off = new Mm2ConfigSync(Scenario(", properties: {sync.topic.configs.enabled: 'false'}").Replicator);

        own.Copies("retention.ms").Should().BeFalse();
        own.Copies("min.insync.replicas").Should().BeTrue("an own list replaces the default one");
        off.Note("cleanup.policy", "compact", "delete").Should().Be("never synced: sync.topic.configs.enabled=false");
        own.Note("partitions", "2", "4").Should().StartWith("never synced down");
    }

    [Test]
    public void Config_differences_skip_topics_missing_on_either_side()
    {
        var source = Snapshot("source", Topic("orders", 3));
        var target = Snapshot("target", new TopicSnapshot("src.orders"));

        TopicConfigDiff.Compare(Pairs, source, target, new Mm2ConfigSync(Scenario().Replicator)).Should().BeEmpty();
    }

    [Test]
    public void Acl_differences_carry_what_mm2_will_and_wont_sync()
    {
        AclEntry Acl(string type, string name, string pattern, string operation, string permission = "ALLOW", string principal = "User:app") =>
            new(type, name, pattern, principal, "*", operation, permission);
        var source = Snapshot("source", Topic("orders", 3),
        [
            Acl("topic", "orders", "literal", "READ"),
            Acl("topic", "orders", "literal", "WRITE"),
            Acl("topic", "orders", "literal", "ALL", principal: "User:ops"),
            Acl("topic", "ord", "prefixed", "DESCRIBE"),
            Acl("topic", "orders", "literal", "WRITE", "DENY", "User:intruder"),
            Acl("group", "billing", "literal", "READ"),
            Acl("topic", "payments", "literal", "READ"),
        ]);
        var target = Snapshot("target", Topic("src.orders", 3), [Acl("topic", "src.orders", "literal", "READ"), Acl("topic", "src.orders", "literal", "DESCRIBE", principal: "User:audit")]);

        var rows = AclDiff.Compare(Pairs, ["billing"], source, target, Scenario().Replicator);

        rows.Select(r => (r.Cluster, r.Principal, r.Operation, r.Permission, r.Mm2.Split(':')[0])).Should().Equal(
            ("source", "User:app", "WRITE", "ALLOW", "never synced"),
            ("source", "User:ops", "ALL", "ALLOW", "synced as ALLOW READ"),
            ("source", "User:app", "DESCRIBE", "ALLOW", "never synced"),
            ("source", "User:intruder", "WRITE", "DENY", "synced (every sync.topic.acls.interval.seconds, 600 s by default)"),
            ("target", "User:audit", "DESCRIBE", "ALLOW", "stays"),
            ("source", "User:app", "READ", "ALLOW", "never synced"));
        rows[2].Mm2.Should().Contain("literal topic ACLs only");
        rows[^1].Resource.Should().Be("group billing (literal)");
        rows[^1].Mm2.Should().Contain("group ACLs");
    }

    [Test]
    public void Acl_differences_are_empty_when_one_side_is_not_visible()
    {
        var source = Snapshot("source", Topic("orders", 3), [new AclEntry("topic", "orders", "literal", "User:app", "*", "READ", "ALLOW")]);
        var target = Snapshot("target", Topic("src.orders", 3), acls: null);

        AclDiff.Compare(Pairs, [], source, target, Scenario().Replicator).Should().BeEmpty();
        AclDiff.SourceNote(new AclEntry("topic", "orders", "literal", "User:app", "*", "READ", "ALLOW"), "orders", syncOn: false)
            .Should().Be("never synced: sync.topic.acls.enabled=false");
    }

    [Test]
    public void Probes_read_the_topics_authorized_operations_and_the_clusters_create()
    {
        var cluster = new ClusterSnapshot("source", "User:rehearsal")
        {
            ClusterOperations = new HashSet<string> { "CREATE", "DESCRIBE" },
            Topics = new Dictionary<string, TopicSnapshot>
            {
                ["orders"] = new("orders") { Exists = true, Operations = new HashSet<string> { "READ", "DESCRIBE" } },
                ["hidden"] = new("hidden") { DescribeDenied = true },
                ["fresh"] = new("fresh"),
            },
        };

        var probes = AuthProbes.Evaluate(cluster, ["orders", "hidden", "fresh"], ["READ", "WRITE"]);

        probes.Select(p => (p.Topic, p.Operation, p.Outcome)).Should().Equal(
            ("orders", "READ", "allowed"), ("orders", "WRITE", "denied"),
            ("hidden", "READ", "denied"), ("hidden", "WRITE", "denied"),
            ("fresh", "CREATE", "allowed"), ("fresh", "READ", "unknown"), ("fresh", "WRITE", "unknown"));
        probes[1].Detail.Should().Be("not in the topic's authorized operations (Metadata: DESCRIBE, READ)");
        AuthProbes.Evaluate(cluster with { NoAuthorizer = true }, ["fresh"], ["READ"]).Select(p => (p.Operation, p.Outcome)).Should().Equal(("CREATE", "allowed"), ("READ", "allowed"));
    }

    [Test]
    public void A_denied_probe_refuses_the_run_only_on_a_cluster_the_harness_did_not_start()
    {
        var scenario = Scenario();
        var denied = new TopicSnapshot("orders") { Exists = true, Partitions = 3, Operations = new HashSet<string> { "WRITE", "DESCRIBE" } };
        var target = Snapshot("target", Topic("src.orders", 3));

        var external = PreflightCheck.Compare(scenario, Pairs, Snapshot("source", denied), target);
        var embedded = PreflightCheck.Compare(scenario, Pairs, Snapshot("source", denied, startedByHarness: true), target);

        external.Refusal.Should().Be("pre-flight: User:rehearsal may not READ topic 'orders' on the source cluster (not in the topic's authorized operations (Metadata: DESCRIBE, WRITE)); grant it, or use another user in clusters.source.security");
        embedded.Refusal.Should().BeNull();
        embedded.Probes.Should().Contain(p => p.Outcome == "denied" && p.Operation == "READ");
        PreflightLines.Format(embedded).Should().Contain("    DENIED User:rehearsal READ source topic orders: not in the topic's authorized operations (Metadata: DESCRIBE, WRITE)");
    }

    [Test]
    public void Api_needs_follow_transactions_sasl_and_the_side()
    {
        var plain = ApiNeeds.For(Scenario(), "source");
        var transactional = ApiNeeds.For(Scenario(topicExtra: ", producer: {transactional: true}"), "target");

        plain.Select(n => n.Name).Should().NotContain(["EndTxn", "SaslHandshake", "CreatePartitions"]);
        plain.Single(n => n.Name == "Produce").MinVersion.Should().Be(3);
        transactional.Select(n => n.Name).Should().Contain(["EndTxn", "AddPartitionsToTxn", "TxnOffsetCommit", "CreatePartitions"]);
        transactional.Single(n => n.Name == "FindCoordinator").MinVersion.Should().Be(1);
    }

    [Test]
    public void Api_report_marks_missing_too_old_and_optional_and_infers_a_version()
    {
        var source = new ClusterSnapshot("source", "User:ANONYMOUS")
        {
            ApisByBroker = new Dictionary<string, IReadOnlyDictionary<short, (short Min, short Max)>>
            {
                ["b1:9092"] = new Dictionary<short, (short, short)> { [0] = (0, 2), [1] = (0, 13), [3] = (0, 12), [18] = (0, 3), [61] = (0, 0) },
                ["b2:9092"] = new Dictionary<short, (short, short)> { [0] = (0, 9), [1] = (0, 12), [3] = (0, 12), [18] = (0, 3), [61] = (0, 0) },
            },
        };

        var cluster = PreflightCheck.Compare(Scenario(), Pairs, source, null).Clusters.Single();

        cluster.Brokers.Should().Be(2);
        cluster.InferredVersion.Should().Be("at least 3.0 (inferred from DescribeProducers)", "Fetch v13 is on one broker only");
        cluster.Apis.Single(a => a.Name == "Produce").Should().Match<Harness.Reports.Model.PreflightApi>(a => a.Status == "too-old" && a.MaxVersion == 2);
        cluster.Apis.Single(a => a.Name == "Fetch").MaxVersion.Should().Be(12);
        cluster.Apis.Single(a => a.Name == "ListOffsets").Status.Should().Be("missing");
        cluster.Apis.Single(a => a.Name == "DescribeCluster").Status.Should().Be("absent-optional");
    }

    [Test]
    public void Api_versions_are_read_from_librdkafkas_handshake_log_per_broker_address()
    {
        var log = new ApiVersionLog();

        log.Add("[thrd:sasl_ssl://127.0.0.1:4242/bootstrap]: sasl_ssl://127.0.0.1:4242/bootstrap:   ApiKey Produce (0) Versions 0..9").Should().BeTrue();
        log.Add("[thrd:sasl_ssl://127.0.0.1:4242/1]: sasl_ssl://127.0.0.1:4242/1:   ApiKey Fetch (1) Versions 0..12").Should().BeTrue();
        log.Add("[thrd:ssl://host-b:9093/2]: ssl://host-b:9093/2:   ApiKey Metadata (3) Versions 1..12").Should().BeTrue();
        log.Add("[thrd:127.0.0.1:5555/bootstrap]: 127.0.0.1:5555/bootstrap:   ApiKey ApiVersions (18) Versions 0..3").Should().BeTrue("PLAINTEXT names have no protocol prefix");
        log.Add("[thrd:main]: Broker API support:").Should().BeFalse();

        log.Brokers.Keys.Should().BeEquivalentTo(["127.0.0.1:4242", "host-b:9093", "127.0.0.1:5555"]);
        log.Brokers["127.0.0.1:4242"].Should().BeEquivalentTo(new Dictionary<short, (short, short)> { [0] = (0, 9), [1] = (0, 12) });
        log.Brokers["host-b:9093"][3].Should().Be(((short)1, (short)12));
    }

    [Test]
    public void Principal_names_the_sasl_user_or_anonymous()
    {
        var scenario = ScenarioLoader.Parse("""
            name: principals
            clusters:
              source: {security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: alice, password: pw}}
              target: {}
            topics:
              - {name: t, partitions: 1, rate: 1, records: 1}
            replicator: {kind: builtin}
            """, "principals.yaml");

        PreflightCheck.Principal(scenario.Clusters.Source.Security).Should().Be("User:alice");
        PreflightCheck.Principal(scenario.Clusters.Target.Security).Should().Be("User:ANONYMOUS");
    }
}
