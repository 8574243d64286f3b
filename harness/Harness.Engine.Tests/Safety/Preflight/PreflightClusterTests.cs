using Harness.Broker.Security;
using Harness.Engine.Clients;
using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Runs;
using Harness.Engine.Safety.Planning;
using Harness.Engine.Safety.Preflight;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Replicators;
using Harness.Testing;

namespace Harness.Engine.Tests.Safety.Preflight;

/// <summary>
/// Pre-flight checks against embedded clusters: the source on SASL_SSL with SCRAM-SHA-512 and ACLs (user rehearsal may
/// read and write orders but only write audit), the target on PLAINTEXT without an authorizer, both with topics that
/// exist before the run. One pair of clusters for every case.
/// </summary>
[Category("Integration")]
public sealed class PreflightClusterTests
{
    private const string PasswordVariable = "HARNESS_PREFLIGHT_TEST_PASSWORD";
    private const string Password = "rehearsal-Pw-41";
    private EmbeddedKafkaCluster _source = null!;
    private EmbeddedKafkaCluster _target = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public void StartClusters()
    {
        _folder = Directory.CreateTempSubdirectory("harness-preflight-").FullName;
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        _source = EmbeddedKafkaCluster.Start("source", new EmbeddedClusterSettings(2), new BrokerSecurity
        {
            Protocol = Harness.Broker.Security.SecurityProtocol.SaslSsl,
            Users = new Dictionary<string, string> { ["rehearsal"] = Password, ["admin"] = "admin-pw" },
            SuperUsers = ["admin"],
            CertificateFolder = _folder,
            Acls =
            [
                AclBinding.Allow("rehearsal", AclOperation.Read, AclResourceType.Topic, "orders"),
                AclBinding.Allow("rehearsal", AclOperation.Write, AclResourceType.Topic, "orders"),
                AclBinding.Allow("rehearsal", AclOperation.Write, AclResourceType.Topic, "audit"),
                AclBinding.Allow("rehearsal", AclOperation.Create, AclResourceType.Cluster, "kafka-cluster"),
                AclBinding.Allow("rehearsal", AclOperation.Describe, AclResourceType.Cluster, "kafka-cluster"),
                AclBinding.Allow("rehearsal", AclOperation.DescribeConfigs, AclResourceType.Topic, "*"),
                AclBinding.Allow("app", AclOperation.All, AclResourceType.Topic, "orders"),
                AclBinding.Allow("app", AclOperation.Read, AclResourceType.Topic, "ord", AclPatternType.Prefixed),
            ],
        });
        _target = EmbeddedKafkaCluster.Start("target", 1);
        _source.Cluster.CreateTopic("orders", 3, configs: new Dictionary<string, string> { ["retention.ms"] = "60000", ["min.insync.replicas"] = "2" });
        _source.Cluster.CreateTopic("audit", 1);
        _target.Cluster.CreateTopic("orders", 2, configs: new Dictionary<string, string> { ["retention.ms"] = "120000" });
    }

    [OneTimeTearDown]
    public async Task StopClusters()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        Environment.SetEnvironmentVariable(PasswordVariable, null);
        TempFolder.Delete(_folder);
    }

    private Scenario Scenario() => ScenarioLoader.Parse($$"""
        name: preflight
        clusters:
          source:
            kind: external
            bootstrap: "{{_source.BootstrapServers}}"
            security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: rehearsal, password: "${env:{{PasswordVariable}}}", caFile: "{{_source.CaFile}}"}
          target: {kind: external, bootstrap: "{{_target.BootstrapServers}}"}
        topics:
          - {name: orders, partitions: 3, rate: 100, records: 100}
          - {name: audit, partitions: 1, rate: 100, records: 100}
        replicator: {kind: builtin, policy: identity}
        consumers:
          - {group: billing, topics: [orders], progress: 0.5}
        """, "preflight.yaml");

    private async Task<Harness.Reports.Model.PreflightReport> CheckAsync()
    {
        var scenario = Scenario();
        var source = new KafkaEndpoint(_source.BootstrapServers, Harness.Engine.Security.ClientSecurity.Resolve(scenario.Clusters.Source.Security, "source"));
        return await PreflightCheck.RunAsync(scenario, [("orders", "orders"), ("audit", "audit")], source, _target.BootstrapServers);
    }

    [Test]
    public async Task Preflight_reads_every_brokers_api_versions_through_sasl_ssl_and_infers_a_version()
    {
        var report = await CheckAsync();

        var source = report.Clusters.Single(c => c.Cluster == "source");
        source.Brokers.Should().Be(2);
        source.Principal.Should().Be("User:rehearsal");
        source.Apis.Should().Contain(a => a.Name == "SaslAuthenticate" && a.Status == "ok");
        source.Apis.Where(a => a.Status is "missing" or "too-old").Should().BeEmpty();
        source.InferredVersion.Should().StartWith("at least 3.");
        source.Acls.Should().Be("8 ACLs visible");
        report.Clusters.Single(c => c.Cluster == "target").Acls.Should().StartWith("no authorizer");
    }

    [Test]
    public async Task Preflight_probes_find_the_topic_the_user_may_not_read_and_refuse_the_run()
    {
        var report = await CheckAsync();

        report.Probes.Where(p => p.Outcome != "allowed").Select(p => (p.Cluster, p.Topic, p.Operation, p.Outcome)).Should().Equal(
            ("source", "audit", "READ", "denied"));
        report.Probes.Where(p => p.Cluster == "target").Should().OnlyContain(p => p.Outcome == "allowed" && p.Detail == "the cluster has no authorizer");
        report.Probes.Should().Contain(p => p.Cluster == "target" && p.Topic == "audit" && p.Operation == "CREATE");
        report.Refusal.Should().Be("pre-flight: User:rehearsal may not READ topic 'audit' on the source cluster (not in the topic's authorized operations (Metadata: DESCRIBE, DESCRIBE_CONFIGS, WRITE)); grant it, or use another user in clusters.source.security");
    }

    [Test]
    public async Task Preflight_compares_configs_and_acls_of_topics_on_both_sides()
    {
        var report = await CheckAsync();

        report.TopicDifferences.Select(d => (d.Setting, d.SourceValue, d.TargetValue)).Should().Equal(
            ("partitions", "3", "2"), ("replication.factor", "2", "1"), ("min.insync.replicas", "2", "1"), ("retention.ms", "60000", "120000"));
        report.TopicDifferences[2].Mm2.Should().StartWith("never synced");
        report.AclDifferences.Where(a => a.AppliesTo == "orders").Select(a => (a.Principal, a.Operation, a.Mm2.Split(':')[0])).Should().Contain(
        [
            ("User:rehearsal", "WRITE", "never synced"),
            ("User:app", "ALL", "synced as ALLOW READ"),
            ("User:app", "READ", "never synced"),
        ]);
    }

    [Test]
    public async Task Preflight_refuses_a_run_on_clusters_it_did_not_start_before_anything_is_created()
    {
        using var folder = TempFolder.Create("harness-preflight-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(), folder);

        outcome.ExitCode.Should().Be(ExitCodes.Environment);
        outcome.Result.ErrorMessage.Should().StartWith("pre-flight: User:rehearsal may not READ topic 'audit' on the source cluster");
        outcome.Result.Preflight!.Probes.Should().NotBeEmpty();
        _target.Cluster.TopicNames.Should().Equal("orders");
        _source.Cluster.HighWatermark("audit", 0).Should().Be(0);
    }

    [Test]
    public async Task Preflight_findings_are_in_the_plan()
    {
        var lines = await RunPlan.BuildAsync(Scenario(), HarnessRegistry.Default, CancellationToken.None);

        lines.Should().Contain("pre-flight checks (describe requests only):");
        lines.Should().Contain("    DENIED User:rehearsal READ source topic audit: not in the topic's authorized operations (Metadata: DESCRIBE, DESCRIBE_CONFIGS, WRITE)");
        lines.Should().Contain(l => l.StartsWith("  config orders -> orders: min.insync.replicas 2 vs 1: never synced", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("  the run would be refused: pre-flight:", StringComparison.Ordinal));
    }
}
