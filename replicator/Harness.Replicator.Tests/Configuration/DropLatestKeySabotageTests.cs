using System.Text;
using Confluent.Kafka;
using Harness.Replicator.Configuration;
using Harness.Replicator.Source;

namespace Harness.Replicator.Tests.Configuration;

/// <summary>
/// The drop.latest.key.every sabotage switch: read from the properties, and, over the records one partition held until
/// its end, it drops exactly the last record of each key it picks and keeps the rest in order.
/// </summary>
public sealed class DropLatestKeySabotageTests
{
    [Test]
    public void Drop_latest_key_is_off_unless_set_and_loud_when_on()
    {
        Read().Sabotage.DropLatestKeyEvery.Should().Be(0);

        var sabotage = Read("harness.sabotage.drop.latest.key.every = 3").Sabotage;

        sabotage.DropLatestKeyEvery.Should().Be(3);
        sabotage.Any.Should().BeTrue();
        sabotage.ToString().Should().EndWith("drop the latest record of keys hashing to a multiple of 3");
    }

    [Test]
    public void Keys_are_picked_by_their_fnv1a_hash()
    {
        // FNV-1a of "a" is 0xE40C292C = 3826002220 = 4 * 956500555, of "b" 0xE70C2DE5 = 3876335077, odd.
        var settings = new SabotageSettings { DropLatestKeyEvery = 4 };

        settings.DropsLatestOf("a"u8).Should().BeTrue();
        settings.DropsLatestOf("b"u8).Should().BeFalse();
        SabotageSettings.None.DropsLatestOf("a"u8).Should().BeFalse();
    }

    [Test]
    public void Records_are_held_until_their_partition_ends_then_written_without_each_picked_key_last_record()
    {
        var sabotage = new Source.Sabotage(new SabotageSettings { DropLatestKeyEvery = 4 });
        string[] keys = ["a", "b", "a", "b", "a", "b"];
        var written = new List<Outgoing>();
        for (var offset = 0; offset < keys.Length; offset++)
        {
            written.AddRange(sabotage.Apply(Record(keys[offset], offset, partition: 0), targetPartitions: 2));
        }

        written.AddRange(sabotage.Apply(Record("a", 0, partition: 1), targetPartitions: 2));
        written.Should().BeEmpty("everything is held until its partition ends");

        sabotage.ReleaseHeld(("table", 0)).Select(r => r.SourceOffset).Should().Equal(0, 1, 2, 3, 5);
        sabotage.ReleaseHeld(("table", 0)).Should().BeEmpty();
        sabotage.ReleaseHeld().Should().BeEmpty("partition 1's only record is key a's latest there");
    }

    private static Outgoing Record(string key, long offset, int partition) =>
        new(new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = [1] }, ("table", partition), offset, partition);

    private static ReplicatorSettings Read(params string[] lines) => ReplicatorSettingsReader.Read(JavaProperties.Parse(string.Join('\n', (string[])[
        "clusters = primary, backup",
        "primary.bootstrap.servers = p1:9092",
        "backup.bootstrap.servers = b1:9092",
        "primary->backup.enabled = true",
        .. lines])), null, []);
}
