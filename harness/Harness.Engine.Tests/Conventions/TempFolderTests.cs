using Harness.Testing;

namespace Harness.Engine.Tests.Conventions;

/// <summary>
/// The tests' temporary folders go with the test that made them, so repeated test runs leave nothing behind in /tmp,
/// and removing one never fails a test.
/// </summary>
public sealed class TempFolderTests
{
    [Test]
    public void Disposing_removes_the_folder_with_everything_in_it()
    {
        var folder = TempFolder.Create("harness-temp-folder-test-");
        Directory.CreateDirectory(Path.Combine(folder.FullName, "runs", "r1"));
        File.WriteAllText(Path.Combine(folder.FullName, "runs", "r1", "results.json"), "{}");

        folder.Dispose();

        Directory.Exists(folder.FullName).Should().BeFalse();
        Path.GetFileName(folder.FullName).Should().StartWith("harness-temp-folder-test-");
    }

    [Test]
    public void A_kept_folder_stays_for_the_failure_message_that_names_it()
    {
        var folder = TempFolder.Create("harness-temp-folder-test-");
        try
        {
            folder.Keep();
            folder.Dispose();

            Directory.Exists(folder.FullName).Should().BeTrue();
        }
        finally
        {
            TempFolder.Delete(folder.FullName);
        }
    }

    [Test]
    public void Removing_a_folder_that_is_already_gone_is_not_an_error()
    {
        var folder = TempFolder.Create("harness-temp-folder-test-");
        TempFolder.Delete(folder.FullName);

        folder.Invoking(f => f.Dispose()).Should().NotThrow();
        FluentActions.Invoking(() => TempFolder.Delete(Path.Combine(folder.FullName, "never-made"))).Should().NotThrow();
    }
}
