using System.Diagnostics;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Cli.Output;

/// <summary>
/// The run's live state as the engine reports it, from any thread. It only records under a lock; the live view
/// takes frames from it on its own schedule, so a slow terminal never holds up the run.
/// </summary>
internal sealed class LiveViewState : IRunProgress
{
    // Events are rare; the cap only matters if nothing draws, and then the oldest are the least useful.
    private const int MaxPending = 500;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _lock = new();
    private readonly Queue<LiveViewLine> _pending = new();
    private readonly List<CheckResult> _checks = [];
    private string _phase = "starting";
    private ProgressSnapshot? _sample;
    private long _version;

    /// <summary>Grows with every change, so the view can skip redraws when nothing changed.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Phase(string phase)
    {
        lock (_lock)
        {
            _phase = phase;
            Add(new LiveViewLine(_clock.Elapsed, phase, IsPhase: true));
        }
    }

    public void Sample(ProgressSnapshot snapshot)
    {
        lock (_lock)
        {
            _sample = snapshot;
            Interlocked.Increment(ref _version);
        }
    }

    public void Event(string message)
    {
        lock (_lock)
        {
            Add(new LiveViewLine(_clock.Elapsed, message, IsPhase: false));
        }
    }

    public void Check(CheckResult check)
    {
        lock (_lock)
        {
            // A check settles once; should it be reported again, the newer verdict replaces it in place.
            var index = _checks.FindIndex(c => c.Name == check.Name);
            if (index >= 0)
            {
                _checks[index] = check;
            }
            else
            {
                _checks.Add(check);
            }

            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>The state to draw now.</summary>
    public LiveViewFrame Frame()
    {
        lock (_lock)
        {
            return new LiveViewFrame(_phase, _clock.Elapsed, _sample, [.. _checks]);
        }
    }

    /// <summary>Lines reported since the last call, oldest first.</summary>
    public IReadOnlyList<LiveViewLine> TakeLines()
    {
        lock (_lock)
        {
            var lines = _pending.ToList();
            _pending.Clear();
            return lines;
        }
    }

    private void Add(LiveViewLine line)
    {
        if (_pending.Count == MaxPending)
        {
            _pending.Dequeue();
        }

        _pending.Enqueue(line);
        Interlocked.Increment(ref _version);
    }
}
