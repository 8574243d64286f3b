using Harness.Replicator.Configuration;

namespace Harness.Replicator.Tests.Configuration;

/// <summary>The copy.aborted sabotage switch: off by default, read as a boolean, and loud when on.</summary>
public sealed class CopyAbortedSabotageTests
{
    [Test]
    public void Copy_aborted_is_off_unless_switched_on()
    {
        Read().Sabotage.CopyAborted.Should().BeFalse();

        var sabotage = Read("harness.sabotage.copy.aborted = true").Sabotage;

        sabotage.CopyAborted.Should().BeTrue();
        sabotage.Any.Should().BeTrue("a run with it says so loudly");
        sabotage.ToString().Should().EndWith("copy aborted true");
    }

    private static ReplicatorSettings Read(params string[] lines) => ReplicatorSettingsReader.Read(JavaProperties.Parse(string.Join('\n', (string[])[
        "clusters = primary, backup",
        "primary.bootstrap.servers = p1:9092",
        "backup.bootstrap.servers = b1:9092",
        "primary->backup.enabled = true",
        .. lines])), null, []);
}
