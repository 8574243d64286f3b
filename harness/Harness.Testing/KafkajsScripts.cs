using FluentAssertions;
using NUnit.Framework;

namespace Harness.Testing;

/// <summary>The kafkajs driver scripts a test project copies to its output: node present, kafkajs installed from the lock file.</summary>
public static class KafkajsScripts
{
    /// <summary>
    /// Ignores the calling fixture when node is missing; otherwise runs <c>npm ci</c> in <paramref name="scriptFolder"/>
    /// unless kafkajs is already installed there.
    /// </summary>
    public static async Task EnsureInstalledAsync(string scriptFolder)
    {
        if (!File.Exists("/usr/bin/node"))
        {
            Assert.Ignore("node is not installed");
        }

        if (!Directory.Exists(Path.Combine(scriptFolder, "node_modules", "kafkajs")))
        {
            var install = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], null, TimeSpan.FromMinutes(3), scriptFolder);
            install.ExitCode.Should().Be(0, $"npm ci installs kafkajs from the committed lock file\n{install}");
        }
    }
}
