using Harness.Engine.Safety;
using System.Globalization;
using System.Security.Cryptography;
using Harness.Engine.Clients;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports;
using Harness.Reports.Model;
using Harness.Reports.Redaction;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Runs one rehearsal as its phases (<see cref="RunPhases"/>) over one <see cref="RunContext"/>. Whatever happens (a
/// failed check, Ctrl-C, a broken environment) the context stops what was started, in reverse order, and a report is
/// written.
/// </summary>
/// <param name="progress">Receives the run's live state; nothing when null.</param>
/// <param name="registry">The cluster and replicator kinds; <see cref="HarnessRegistry.Default"/> when null.</param>
/// <param name="time">The clock of deadlines and timestamps; the system's when null.</param>
public sealed class RunOrchestrator(IRunProgress? progress = null, HarnessRegistry? registry = null, TimeProvider? time = null)
{
    private readonly IRunProgress _progress = progress ?? SilentProgress.Instance;
    private readonly HarnessRegistry _registry = registry ?? HarnessRegistry.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs <paramref name="scenario"/>; <paramref name="cancellation"/> (Ctrl-C) ends it early with a partial report.</summary>
    public async Task<RunOutcome> RunAsync(Scenario scenario, RunOptions options, CancellationToken cancellation)
    {
        var started = _time.GetUtcNow();
        var runDirectory = CreateRunDirectory(options.OutputRoot, scenario.Name, started);
        var scenarioText = scenario.Source is { } path && File.Exists(path) ? File.ReadAllText(path) : "";
        if (scenario.Stretch is { } stretch)
        {
            // The text is the file as written; the run's times are not, and a reader of the report must know.
            scenarioText = $"# {stretch.Describe()}\n{scenarioText}";
        }

        File.WriteAllText(Path.Combine(runDirectory, "scenario.yaml"), SecretRedactor.Redact(scenarioText));
        using var clientLog = ClientLog.Open(Path.Combine(runDirectory, "clients.log"), _time);
        var runId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

        // From here on every name is final: the prefix is applied once, to the model, and every phase reads names from it.
        scenario = ScenarioPrefix.Apply(scenario, runId.ToString("x16", CultureInfo.InvariantCulture));
        var run = new RunContext(scenario, options, _registry, _progress, _time, runDirectory, runId);
        string? partialReason = null, error = null;
        var exitCode = ExitCodes.Passed;
        try
        {
            foreach (var phase in RunPhases.All.Where(p => p.AppliesTo(run)))
            {
                run.Enter(phase.Name);
                await phase.RunAsync(run, cancellation).ConfigureAwait(false);
                cancellation.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            partialReason = $"interrupted during {run.Phase} (Ctrl-C)";
            exitCode = ExitCodes.Interrupted;
        }
        catch (HarnessException e)
        {
            error = e.Message;
            exitCode = e.ExitCode;
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }

        var verdict = error is not null ? Verdict.Error
            : partialReason is not null ? Verdict.Partial
            : run.Checks.All(c => c.Passed) ? Verdict.Passed
            : Verdict.Failed;
        if (verdict == Verdict.Failed)
        {
            exitCode = ExitCodes.CheckFailed;
        }

        await CleanUpAsync(run, verdict == Verdict.Passed).ConfigureAwait(false);
        var result = RunResultBuilder.Build(run, started, scenarioText, verdict, partialReason, error);
        ReportWriters.WriteAll(result, runDirectory);
        return new RunOutcome(result, runDirectory, exitCode);
    }

    /// <summary>On each cluster the harness did not start and looked at: list what the run created, and delete it as its cleanup says.</summary>
    private static async Task CleanUpAsync(RunContext run, bool passed)
    {
        var ownership = new RunOwnership(run.Scenario);
        foreach (var (role, before) in run.Inventories.OrderBy(i => i.Key == "source" ? 0 : 1))
        {
            var spec = role == "source" ? run.Scenario.Clusters.Source : run.Scenario.Clusters.Target;
            var endpoint = role == "source" ? run.SourceEndpoint : run.TargetEndpoint;
            var resources = await RunCleanup.RunAsync(role, endpoint, before, ownership, spec.Cleanup, passed).ConfigureAwait(false);
            run.Resources.Add(resources);
            if (resources.DeletedTopics.Count + resources.DeletedGroups.Count > 0)
            {
                run.Progress.Event($"cleanup of the {role} cluster: deleted {resources.DeletedTopics.Count} topic(s) and {resources.DeletedGroups.Count} group(s) this run created");
            }

            if (resources.Problem is { } problem)
            {
                run.Progress.Event($"cleanup of the {role} cluster left something: {problem}");
            }
        }
    }

    private static string CreateRunDirectory(string root, string name, DateTimeOffset started)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var directory = Path.Combine(root, $"{started:yyyyMMdd-HHmmss}-{safe}");
        for (var i = 2; Directory.Exists(directory); i++)
        {
            directory = Path.Combine(root, $"{started:yyyyMMdd-HHmmss}-{safe}-{i}");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }
}
