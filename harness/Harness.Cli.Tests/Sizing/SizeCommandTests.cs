using Harness.Reports.Sizing;
using Harness.Testing;

namespace Harness.Cli.Tests.Sizing;

/// <summary>`harness size` input errors and `harness report compare` of sizing folders, through the real CLI.</summary>
[Category("Integration")]
public sealed class SizeCommandTests
{
    [Test]
    public async Task Size_with_an_slo_it_cannot_read_exits_2_with_one_line()
    {
        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(
            TimeSpan.FromMinutes(1), HarnessProcess.RepositoryRoot, "size", "scenarios/sizing.yaml", "--slo", "p95=1s");

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty("nothing was measured");
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("--slo 'p95=1s' is not a latency objective");
    }

    [Test]
    public async Task Validate_checks_the_sizing_section_too()
    {
        using var directory = TempFolder.Create("harness-size-");
        var file = Path.Combine(directory.FullName, "s.yaml");
        await File.WriteAllTextAsync(file, "name: s\ntopics:\n  - {name: t, partitions: 3, rate: 10, records: 10}\nsizing:\n  tasks: [1, 4]\n  headroon: 2\n");

        var (exitCode, _, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, "validate", file);

        exitCode.Should().Be(2);
        stderr.Should().Contain($"{file}:6:3: unknown key 'headroon' in sizing (did you mean 'headroom'?)");
    }

    [Test]
    public async Task Report_compare_of_two_sizing_folders_flags_a_lower_knee_and_exits_1()
    {
        using var rootFolder = TempFolder.Create("harness-size-compare-");
        var root = rootFolder.FullName;
        var before = Write(Path.Combine(root, "before"), knee: 1000);
        var after = Write(Path.Combine(root, "after"), knee: 700);

        var (exitCode, stdout, _) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), root, "report", "compare", before, after);

        exitCode.Should().Be(1);
        stdout.Should().Contain("REGRESSED  knee records/s, tasks 1").And.Contain("-30.0%");
        var (same, _, _) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), root, "report", "compare", before, before);
        same.Should().Be(0);
    }

    private static string Write(string directory, double knee)
    {
        Directory.CreateDirectory(directory);
        var report = new SizingReport
        {
            Scenario = "s",
            StartedUtc = DateTimeOffset.UnixEpoch,
            DurationSeconds = 1,
            ReplicatorKind = "builtin",
            SloP99Ms = 2000,
            Headroom = 2,
            Curves = [new CapacityCurve { Tasks = 1, KneeRecordsPerSecond = knee }],
            Replicator = new ReplicatorSizing { MaxSustainableRecordsPerSecond = knee, PerTask = new PerTaskCapacity(knee, knee / 2500, 1), TotalTasks = 2, Workers = 3 },
            TargetCluster = new TargetClusterSizing { StorageGigabytes = 100 },
        };
        using var stream = File.Create(Path.Combine(directory, SizingJson.FileName));
        SizingJson.Write(report, stream);
        return directory;
    }
}
