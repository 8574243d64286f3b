using System.Text.Json;
using Harness.Engine.Sizing;
using Harness.Testing;

namespace Harness.Engine.Tests.Sizing;

/// <summary>
/// The search against a known answer: the built-in replicator throttled to a known rate per task on embedded
/// clusters, so the knee must come out within 10% of tasks × throttle whatever this machine's own capacity is.
/// Unkeyed records over 8 partitions spread evenly over 1 or 4 tasks; with uneven partitions the busiest task
/// saturates first and the knee of several tasks is honestly below tasks × throttle.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ThrottledKneeTests
{
    private const double Throttle = 1000;

    private const string Profile = """
        name: throttled
        seed: 7
        clusters: {source: {brokers: 1}, target: {brokers: 1}}
        topics:
          - {name: busy, partitions: 8, rate: 2000, duration: 20s, size: {dist: uniform, min: 200, max: 600}, volume: high}
        replicator: {kind: builtin, policy: identity}
        """;

    // One task count: each case is a whole search of about 80 s in CI, and four tasks cover what one does (the search and the
    // throttle) plus the split of partitions over tasks.
    [TestCase(4)]
    public async Task SizingRunner_finds_the_throttled_knee_within_ten_percent(int tasks)
    {
        var directory = Directory.CreateTempSubdirectory("sizing-").FullName;
        try
        {
            var spec = new SizingSpec
            {
                Tasks = [tasks],
                ThrottlePerTask = Throttle,
                LevelDuration = TimeSpan.FromSeconds(8),
                MaxLevels = 8,
                // A start near the answer keeps the test short; the search itself is what is under test.
                StartMultiplier = tasks * Throttle / 2000 * 1.5,
            };
            using var log = new StringWriter();

            var report = await new SizingRunner(log).RunAsync(SizingProfiles.ScenarioFrom(Profile), spec, null, directory, CancellationToken.None);

            var knee = report.Curves.Single().KneeRecordsPerSecond;
            knee.Should().NotBeNull(log.ToString());
            knee!.Value.Should().BeInRange(tasks * Throttle * 0.9, tasks * Throttle * 1.1, log.ToString());
            report.Replicator.PerTask!.RecordsPerSecond.Should().BeInRange(Throttle * 0.9, Throttle * 1.1);
            File.Exists(Path.Combine(directory, "sizing.json")).Should().BeTrue();
            File.Exists(Path.Combine(directory, "sizing.html")).Should().BeTrue();

            // Every level runs on fresh embedded clusters of the same shape: only the first one repeats no pre-flight.
            var levels = Directory.GetFiles(Path.Combine(directory, "levels"), "results.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            levels.Should().HaveCountGreaterThan(1);
            levels.Select(HasPreflight).Should().Equal([true, .. Enumerable.Repeat(false, levels.Count - 1)], "the first level runs the pre-flight checks, the later ones skip them");
        }
        finally
        {
            TempFolder.Delete(directory);
        }
    }

    private static bool HasPreflight(string results) =>
        JsonDocument.Parse(File.ReadAllText(results)).RootElement.TryGetProperty("preflight", out var preflight) && preflight.ValueKind == JsonValueKind.Object;
}
