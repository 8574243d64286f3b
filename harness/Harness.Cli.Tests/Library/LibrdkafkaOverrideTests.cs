using Harness.Testing;

namespace Harness.Cli.Tests.Library;

/// <summary>
/// HARNESS_LIBRDKAFKA: a library that cannot serve stops the harness before it starts anything, and a real
/// librdkafka of another version runs a whole rehearsal beside Confluent.Kafka's own copy.
/// </summary>
[Category("Integration")]
public sealed class LibrdkafkaOverrideTests
{
    /// <summary>Debian's librdkafka1 (2.0.2 on bookworm), which kcat pulls in on CI.</summary>
    private const string DistributionLibrary = "/usr/lib/x86_64-linux-gnu/librdkafka.so.1";

    [TestCase("/no/such/librdkafka.so", "cannot load it")]
    [TestCase("/etc/hostname", "cannot load it")]
    public async Task A_library_that_cannot_be_loaded_stops_the_run_with_one_line_and_exit_3(string path, string problem)
    {
        using var directory = TempFolder.Create("harness-librdkafka-");
        var scenario = Path.Combine(HarnessProcess.RepositoryRoot, "scenarios", "smoke.yaml");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName,
            new Dictionary<string, string> { ["HARNESS_LIBRDKAFKA"] = path }, "run", scenario, "--output", "runs");

        exitCode.Should().Be(3, $"output:\n{stdout}\n{stderr}");
        stderr.Trim().Should().Be($"harness: HARNESS_LIBRDKAFKA={path}: {problem} (no such file, or not a shared library for this platform); point it at a librdkafka.so or unset it to use librdkafka.redist's build");
        Directory.Exists(Path.Combine(directory.FullName, "runs")).Should().BeFalse("nothing starts before the library is checked");
    }

    [Test]
    public async Task A_shared_library_that_is_not_librdkafka_is_refused_by_name()
    {
        var other = Directory.GetFiles("/usr/lib/x86_64-linux-gnu", "libz.so.*").FirstOrDefault();
        if (other is null)
        {
            Assert.Ignore("no libz.so in /usr/lib/x86_64-linux-gnu to stand in for a library that is not librdkafka");
        }

        var (exitCode, _, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), Path.GetTempPath(),
            new Dictionary<string, string> { ["HARNESS_LIBRDKAFKA"] = other }, "validate", Path.Combine(HarnessProcess.RepositoryRoot, "scenarios", "smoke.yaml"));

        exitCode.Should().Be(3);
        stderr.Trim().Should().Be($"harness: HARNESS_LIBRDKAFKA={other}: that library is not librdkafka (it has no rd_kafka_version); point it at a librdkafka.so or unset it");
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task The_distribution_librdkafka_runs_a_whole_rehearsal_that_passes()
    {
        if (!File.Exists(DistributionLibrary))
        {
            Assert.Ignore($"{DistributionLibrary} is not installed (apt-get install librdkafka1; CI gets it with kcat)");
        }

        using var directory = TempFolder.Create("harness-librdkafka-");
        var scenario = Path.Combine(directory.FullName, "small.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: distribution-librdkafka
            seed: 11
            topics:
              - {name: orders, partitions: 3, rate: 5000, records: 20000, size: 200}
              - {name: tiny, partitions: 1, rate: 200, records: 500, size: 20}
            consumers:
              - {group: billing, topics: [orders], progress: 50%}
            expect:
              drainWithin: 30s
            """);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(3), directory.FullName,
            new Dictionary<string, string> { ["HARNESS_LIBRDKAFKA"] = DistributionLibrary }, "run", scenario, "--output", "runs");

        exitCode.Should().Be(0, $"output:\n{stdout}\n{stderr}");
        stdout.Should().Contain("verdict: PASSED");
        var results = Directory.GetFiles(Path.Combine(directory.FullName, "runs"), "results.json", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        using (var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(results)))
        {
            var librdkafka = json.RootElement.GetProperty("environment").GetProperty("librdkafka").GetString();
            librdkafka.Should().EndWith($"(HARNESS_LIBRDKAFKA={DistributionLibrary})", "the report names the build the run used").And.NotStartWith("2.16");
        }

        var replicatorLog = Directory.GetFiles(Path.Combine(directory.FullName, "runs"), "replicator.log", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        (await File.ReadAllTextAsync(replicatorLog)).Should().NotContain("refused", "the replicator's clients start on the older library too");
    }
}
