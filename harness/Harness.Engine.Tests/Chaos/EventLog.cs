using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Chaos;

/// <summary>Progress that keeps the events and lets a test wait for one, so a stepped clock runs exactly until it appears.</summary>
internal sealed class EventLog : IRunProgress
{
    private readonly object _lock = new();
    private readonly List<string> _events = [];
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waits = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Completes with the first event, from now on, that contains <paramref name="text"/>.</summary>
    public Task<string> Next(string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waits.Add((text, seen));
        }

        return seen.Task;
    }

    public void Event(string message)
    {
        List<TaskCompletionSource<string>> seen;
        lock (_lock)
        {
            _events.Add(message);
            seen = [.. _waits.Where(w => message.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Seen)];
            _waits.RemoveAll(w => seen.Contains(w.Seen));
        }

        seen.ForEach(s => s.TrySetResult(message));
    }

    public void Phase(string phase)
    {
    }

    public void Sample(ProgressSnapshot snapshot)
    {
    }

    public void Check(CheckResult check)
    {
    }
}
