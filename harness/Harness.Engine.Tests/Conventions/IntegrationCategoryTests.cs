using Harness.Testing;

namespace Harness.Engine.Tests.Conventions;

/// <summary>
/// <c>./run.sh test --fast</c> leaves out the Integration category; a fixture that starts clusters, child processes
/// or containers without the tag would make the fast run slow (or need kcat, node, chromium, Docker). This scans the
/// test sources, so a new fixture cannot forget the tag unnoticed.
/// </summary>
public sealed class IntegrationCategoryTests
{
    private const string Tag = "[Category(\"Integration\")]";

    // What starts an embedded cluster, a child process or a container in the test projects.
    private static readonly string[] Markers =
    [
        "EmbeddedCluster.Start", "EmbeddedKafkaCluster", "TwoClusters.Start", "RunningReplicator.", "RehearsalRunner.", "RunOrchestrator", "SizingRunner",
        "HarnessProcess.", "HostProcess.", "ExternalProcess.", "ChildProcess.", "KafkajsScripts.", "ChromiumBrowser.",
        "Process.Start", "ProcessStartInfo", "Testcontainers", "DockerCli.",
    ];

    [Test]
    public void Every_fixture_that_starts_clusters_processes_or_containers_is_in_the_Integration_category()
    {
        var root = RepositoryRoot.Path;
        var fixtures = TestSources(root)
            .Where(path => !path.EndsWith($"{nameof(IntegrationCategoryTests)}.cs", StringComparison.Ordinal)) // names the markers itself
            .Select(path => (Path: Path.GetRelativePath(root, path), Text: File.ReadAllText(path)))
            .Where(file => file.Text.Contains("[Test", StringComparison.Ordinal))
            .ToList();

        var untagged = fixtures
            .Where(file => Markers.Any(m => file.Text.Contains(m, StringComparison.Ordinal)) && !file.Text.Contains(Tag, StringComparison.Ordinal))
            .Select(file => file.Path)
            .ToList();

        fixtures.Should().Contain(file => file.Text.Contains(Tag, StringComparison.Ordinal), "the scan reads the test projects' sources, tagged fixtures among them");
        untagged.Should().BeEmpty($"fixtures that start clusters, processes or containers carry {Tag} so that ./run.sh test --fast leaves them out");
    }

    private static IEnumerable<string> TestSources(string root) =>
        new[] { "harness", "replicator", "reports" }
            .SelectMany(area => Directory.EnumerateDirectories(Path.Combine(root, area), "*.Tests"))
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));
}
