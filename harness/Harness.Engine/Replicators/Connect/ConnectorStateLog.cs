using Harness.Reports.Model;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// The states of the run's connectors over time: a change is kept when a connector's state, a task's state or its
/// failure trace differs from the last one kept, so a steady connector costs one entry however long it runs.
/// </summary>
internal sealed class ConnectorStateLog(ConnectorPlan plan)
{
    private const int TraceLines = 6;
    private readonly object _lock = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, ConnectorStatus Status)>> _changes =
        plan.Connectors.ToDictionary(c => c.Name, _ => new List<(DateTimeOffset, ConnectorStatus)>(), StringComparer.Ordinal);

    /// <summary>Records what Connect said at <paramref name="at"/>; a planned connector it did not list is MISSING.</summary>
    public void Observe(DateTimeOffset at, IReadOnlyDictionary<string, ConnectorStatus> statuses)
    {
        lock (_lock)
        {
            foreach (var (name, changes) in _changes)
            {
                var status = statuses.TryGetValue(name, out var seen) ? seen : new ConnectorStatus("MISSING", null, []);
                if (changes.Count == 0 ? status.State != "MISSING" : !Same(changes[^1].Status, status))
                {
                    changes.Add((at, status));
                }
            }
        }
    }

    /// <summary>The report rows, times counted from <paramref name="runStarted"/>.</summary>
    public IReadOnlyList<ConnectorReport> Report(DateTimeOffset runStarted)
    {
        lock (_lock)
        {
            return plan.Connectors.Select(c => new ConnectorReport
            {
                Name = c.Name,
                Class = c.Class,
                Role = c.Role,
                TasksMax = c.TasksMax,
                Topics = c.Topics,
                States = _changes[c.Name].Select(change => new ConnectorStateChange
                {
                    AtSeconds = Math.Max(0, (change.At - runStarted).TotalSeconds),
                    State = change.Status.State,
                    Tasks = change.Status.Tasks.Select(t => t.State).ToList(),
                    Trace = change.Status.Failure is { Trace: { } trace } ? Head(trace) : null,
                }).ToList(),
            }).ToList();
        }
    }

    /// <summary>The first lines of a Java or .NET stack trace: the exception and where it was thrown.</summary>
    public static string Head(string trace)
    {
        var lines = trace.Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Take(TraceLines)) + (lines.Length > TraceLines ? $"\n… {lines.Length - TraceLines} more line(s)" : "");
    }

    private static bool Same(ConnectorStatus a, ConnectorStatus b) =>
        a.State == b.State && a.Trace == b.Trace && a.Tasks.SequenceEqual(b.Tasks);
}
