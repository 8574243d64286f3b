using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Storage;

namespace Harness.Broker.Tests.Storage;

/// <summary>
/// Embedded clusters on disk storage as clients see them: records go to segment files in the cluster's data folder,
/// survive broker kills as they do in memory, and the folder goes with the cluster unless it is kept.
/// </summary>
[Category("Integration")]
public sealed class DiskClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private string _parent = "";

    [SetUp]
    public void CreateFolder() => _parent = Directory.CreateTempSubdirectory("disk-cluster-test-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_parent, recursive: true);

    [Test]
    public async Task Records_go_to_segment_files_in_the_data_folder_which_goes_with_the_cluster()
    {
        var cluster = EmbeddedCluster.Start(Options("files"));
        string folder;
        await using (cluster)
        {
            folder = cluster.DataDirectory!;
            folder.Should().Be(Path.Combine(_parent, "files"));
            cluster.CreateTopic("t", 2, configs: new Dictionary<string, string> { ["segment.bytes"] = "2000" });
            Produce(cluster, "t", 2_000);

            Consume(cluster, "t", 2).Should().Equal(Enumerable.Range(0, 2_000).Select(i => $"v{i}"));
            Directory.GetFiles(Path.Combine(folder, "t-0"), "*.log").Should().HaveCountGreaterThan(3, "2 kB segments roll");
            Directory.GetFiles(Path.Combine(folder, "t-0"), "*.index").Should().NotBeEmpty();
            Directory.GetFiles(Path.Combine(folder, "t-1"), "*.timeindex").Should().NotBeEmpty();
            Directory.GetFiles(folder, "*.log", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
                .Should().BeInRange(cluster.StoredBytes - (2 * 65536), cluster.StoredBytes, "all but the active segments' 64 KiB write buffers are in the files");

            cluster.DeleteTopic("t");
            Directory.Exists(Path.Combine(folder, "t-0")).Should().BeFalse("a deleted topic's files go with it");
            cluster.InternalErrors.Should().Be(0);
        }

        Directory.Exists(folder).Should().BeFalse("the data folder is removed when the cluster stops");
    }

    [Test]
    public async Task A_kept_data_folder_stays_and_a_new_cluster_refuses_to_write_over_it()
    {
        long stored;
        await using (var cluster = EmbeddedCluster.Start(Options("kept") with { KeepData = true }))
        {
            cluster.CreateTopic("t", 1);
            Produce(cluster, "t", 10);
            stored = cluster.StoredBytes;
        }

        new FileInfo(Directory.GetFiles(Path.Combine(_parent, "kept", "t-0"), "*.log").Should().ContainSingle().Which).Length
            .Should().Be(stored, "stopping the cluster writes out what its write buffers held");
        var start = () => EmbeddedCluster.Start(Options("kept"));
        start.Should().Throw<ArgumentException>().WithMessage($"data folder {Path.Combine(_parent, "kept")} already holds a log; remove it or choose another data folder*");
    }

    [Test]
    public async Task Acknowledged_records_survive_killing_and_restarting_the_leader_on_disk_storage()
    {
        await using var cluster = EmbeddedCluster.Start(Options("kills"));
        cluster.CreateTopic("t", 1, 3);
        Produce(cluster, "t", 3_000);
        var leader = cluster.LeaderOf("t", 0);

        cluster.KillBroker(leader);
        cluster.LeaderOf("t", 0).Should().NotBe(leader);
        Consume(cluster, "t", 1).Should().HaveCount(3_000);
        cluster.RestartBroker(leader);
        cluster.MoveLeader("t", 0, leader);

        Consume(cluster, "t", 1).Should().Equal(Enumerable.Range(0, 3_000).Select(i => $"v{i}"));
        cluster.HighWatermark("t", 0).Should().Be(3_000);
    }

    [Test]
    public void The_environment_variable_chooses_the_default_storage_and_a_wrong_value_is_refused_by_name()
    {
        var before = Environment.GetEnvironmentVariable(EmbeddedClusterOptions.StorageVariable);
        try
        {
            Environment.SetEnvironmentVariable(EmbeddedClusterOptions.StorageVariable, "disk");
            new EmbeddedClusterOptions().Storage.Should().Be(StorageKind.Disk);
            Environment.SetEnvironmentVariable(EmbeddedClusterOptions.StorageVariable, "tape");
            var validate = () => new EmbeddedClusterOptions().Validate();
            validate.Should().Throw<ArgumentException>().WithMessage("HARNESS_BROKER_STORAGE must be memory or disk, got 'tape'*");
            Environment.SetEnvironmentVariable(EmbeddedClusterOptions.StorageVariable, null);
            new EmbeddedClusterOptions().Storage.Should().Be(StorageKind.Memory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EmbeddedClusterOptions.StorageVariable, before);
        }
    }

    private EmbeddedClusterOptions Options(string name) =>
        new() { Name = name, Storage = StorageKind.Disk, DataDirectory = _parent, CompactionInterval = TimeSpan.Zero };

    private static void Produce(EmbeddedCluster cluster, string topic, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true, LingerMs = 2 }).Build();
        var partitions = cluster.TopicNames.Contains(topic) ? Enumerable.Range(0, 64).TakeWhile(p => TryHighWatermark(cluster, topic, p)).Count() : 1;
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition(topic, i % partitions), new Message<Null, string> { Value = $"v{i}" });
            if (i % 200 == 199)
            {
                // Many batches rather than one, so small segments roll.
                producer.Flush(Timeout).Should().Be(0);
            }
        }

        producer.Flush(Timeout).Should().Be(0);
    }

    /// <summary>Every value of a topic, read partition by partition and put back in produce order (record i went to partition i mod n).</summary>
    private static List<string> Consume(EmbeddedCluster cluster, string topic, int partitions)
    {
        var perPartition = new List<List<string>>();
        for (var p = 0; p < partitions; p++)
        {
            var end = cluster.HighWatermark(topic, p);
            using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                GroupId = "unused",
                EnableAutoCommit = false,
            }).Build();
            consumer.Assign(new TopicPartitionOffset(topic, p, Offset.Beginning));
            var values = new List<string>();
            var deadline = DateTime.UtcNow + Timeout;
            while (values.Count < end && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false, Message: not null } result)
                {
                    values.Add(result.Message.Value);
                }
            }

            perPartition.Add(values);
        }

        var merged = new List<string>();
        for (var i = 0; perPartition.Exists(l => i < l.Count); i++)
        {
            merged.AddRange(perPartition.Where(l => i < l.Count).Select(l => l[i]));
        }

        return merged;
    }

    private static bool TryHighWatermark(EmbeddedCluster cluster, string topic, int partition)
    {
        try
        {
            cluster.HighWatermark(topic, partition);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
