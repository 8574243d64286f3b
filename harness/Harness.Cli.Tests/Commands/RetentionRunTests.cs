using System.Globalization;
using System.Text.Json;
using Harness.Testing;

namespace Harness.Cli.Tests.Commands;

/// <summary>
/// Retention on disk storage behind the replicator and the verifier: how a soak writes more than the disk holds. The
/// records must have been checked before their segments went, so the run passes with every record verified while the
/// kept data folder shows that both clusters deleted most of what was written.
/// </summary>
[Category("Integration")]
public sealed class RetentionRunTests
{
    private const string Scenario = """
        name: retention
        seed: 5
        clusters:
          source: {brokers: 1, storage: disk}
          target: {brokers: 1, storage: disk}
        topics:
          - name: events
            partitions: 2
            rate: 2000
            duration: 12s
            size: 1KiB
            configs: {retention.ms: "3000", segment.bytes: "262144"}
        replicator: {kind: builtin, policy: identity}
        expect: {lost: 0, reordered: 0, drainWithin: 30s}
        """;

    [Test]
    public async Task Segments_deleted_by_retention_on_both_sides_were_verified_before_they_went()
    {
        using var directory = TempFolder.Create("harness-retention-");
        var scenario = Path.Combine(directory.FullName, "retention.yaml");
        await File.WriteAllTextAsync(scenario, Scenario);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(3), directory.FullName, "run", scenario, "--output", "runs", "--keep-data");

        exitCode.Should().Be(0, $"the run should pass; output:\n{stdout}\n{stderr}");
        var runFolder = Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim());
        var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "results.json"))).RootElement;
        var parity = results.GetProperty("parity").EnumerateArray().ToList();
        var produced = parity.Sum(p => p.GetProperty("produced").GetInt64());
        produced.Should().Be(24_000);
        parity.Sum(p => p.GetProperty("replicated").GetInt64()).Should().Be(produced, "the verifier read every record while it was still there");

        foreach (var role in new[] { "source", "target" })
        {
            for (var partition = 0; partition < 2; partition++)
            {
                // A partition of 12,000 records holds about 1,000 of them after 12 s with 3 s of retention.
                var first = FirstSegmentBaseOffset(Path.Combine(runFolder, "data", role, $"events-{partition}"));
                first.Should().BeGreaterThan(6_000, $"retention on the {role} deleted the oldest segments of events-{partition}");
            }
        }
    }

    private static long FirstSegmentBaseOffset(string partitionFolder) =>
        Directory.GetFiles(partitionFolder, "*.log")
            .Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))
            .Min();
}
