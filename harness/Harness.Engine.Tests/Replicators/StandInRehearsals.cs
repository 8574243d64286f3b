using System.Net;
using System.Net.Sockets;
using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;
using Harness.Testing;

namespace Harness.Engine.Tests.Replicators;

/// <summary>What the rehearsals on a stand-in Kafka distribution share: a whole run in a temporary folder, its verdict, a free port.</summary>
internal static class StandInRehearsals
{
    /// <summary>A loopback port free a moment ago, for a stand-in's REST or metrics listener.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Asserts a passed verdict, saying otherwise why the run failed and where its folder is; that folder is then kept
    /// when <paramref name="folder"/> is disposed, so the message sends the reader to something that is still there.
    /// </summary>
    public static void ShouldPass(RunOutcome outcome, TempFolder folder)
    {
        if (outcome.Result.Verdict != Verdict.Passed)
        {
            folder.Keep();
        }

        outcome.Result.Verdict.Should().Be(Verdict.Passed,
            outcome.Result.ErrorMessage ?? string.Join("; ", outcome.Result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")) + $" (run folder {outcome.RunDirectory})");
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> with <paramref name="registry"/> in <paramref name="folder"/>, four minutes at
    /// most. Every process of the run has stopped when this returns, so the caller may dispose the folder then.
    /// </summary>
    public static async Task<RunOutcome> RunAsync(HarnessRegistry registry, Scenario scenario, TempFolder folder)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        return await new RunOrchestrator(registry: registry).RunAsync(scenario, new RunOptions { OutputRoot = Path.Combine(folder.FullName, "runs") }, timeout.Token);
    }
}
