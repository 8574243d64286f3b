using System.Diagnostics;
using Harness.Testing;

namespace Harness.Engine.Tests.Conventions;

/// <summary>A temporary folder is never pulled from under a process a test started and could not stop.</summary>
[Category("Integration")]
public sealed class TempFolderProcessTests
{
    [Test]
    public async Task A_folder_stays_while_a_process_told_of_still_runs_and_goes_once_it_has_ended()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var running = TempFolder.Create("harness-temp-folder-test-");
        var ended = TempFolder.Create("harness-temp-folder-test-");
        try
        {
            running.KeepWhileRunning(sleeper);
            running.Dispose();
            Directory.Exists(running.FullName).Should().BeTrue("the process may still write there");

            sleeper.Kill();
            await sleeper.WaitForExitAsync();
            ended.KeepWhileRunning(sleeper);
            ended.Dispose();
            Directory.Exists(ended.FullName).Should().BeFalse("nothing can write there any more");
        }
        finally
        {
            if (!sleeper.HasExited)
            {
                sleeper.Kill();
            }

            TempFolder.Delete(running.FullName);
            TempFolder.Delete(ended.FullName);
        }
    }
}
