using System.Globalization;
using Harness.Engine.Load;
using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Chaos;

/// <summary>
/// Runs the scheduled faults during load and watches the replicator: an unexpected exit or missing metric
/// intervals are recorded (the heap-pressure incident looked exactly like that), and, when a heap-pressure
/// fault says <c>restart: true</c>, the replicator is started again as an operator would.
/// </summary>
internal sealed class ChaosEngine
{
    // A JVM with its exporter agent takes several seconds to serve its first page; half a minute without one is a
    // wrong URL or a missing agent, which would otherwise pass silently as a replicator with no metrics.
    private static readonly TimeSpan FirstSampleWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TriggerPoll = TimeSpan.FromMilliseconds(50);
    private readonly IReadOnlyList<ScheduledFault> _faults;
    private readonly FaultContext _context;
    private readonly LoadCounters _load;
    private readonly IReplicatorMetrics? _metrics;
    private readonly TimeSpan _metricsGap;
    private readonly List<FaultRecord> _records = [];
    private readonly List<FaultRecord> _incidents = [];
    private readonly List<FaultRecord> _running = [];
    private readonly List<(double Start, double? End)> _gaps = [];
    private readonly object _lock = new();
    private readonly TaskCompletionSource<HarnessException> _fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _loadStart;
    private int _expectedDown;
    private int _active;
    private int _done;

    /// <param name="faults">The scheduled faults.</param>
    /// <param name="context">What the faults act on.</param>
    /// <param name="load">The load's counters, for record triggers.</param>
    /// <param name="metricsGap">How long without replicator metrics while it runs is a gap; 5 s when null.</param>
    public ChaosEngine(IReadOnlyList<ScheduledFault> faults, FaultContext context, LoadCounters load, TimeSpan? metricsGap = null)
    {
        _metricsGap = metricsGap ?? ReplicatorHealthExpectation.DefaultMetricsGap;
        _faults = faults;
        _context = context;
        _load = load;
        _metrics = context.Replicator.Metrics;
    }

    public int Active => Volatile.Read(ref _active);

    /// <summary>
    /// Completes when the replicator ends on its own with an exit code that its driver says means it cannot run at all
    /// (its configuration, a cluster it cannot reach): the rest of the run could only count every record lost.
    /// </summary>
    public Task<HarnessException> Fatal => _fatal.Task;

    public int Done => Volatile.Read(ref _done);

    /// <summary>Faults as they ran, then incidents the watch found (replicator exits, metric gaps).</summary>
    public IReadOnlyList<FaultRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records.OrderBy(r => r.StartSeconds ?? double.MaxValue), .. _incidents];
            }
        }
    }

    /// <summary>The faults in effect now, oldest first: <see cref="Records"/> only holds a fault once it has ended.</summary>
    public IReadOnlyList<FaultRecord> Running
    {
        get
        {
            lock (_lock)
            {
                return [.. _running];
            }
        }
    }

    /// <summary>Runs every fault; faults still waiting when the load ends fire if time-triggered, else are skipped.</summary>
    public Task RunAsync(Task load, CancellationToken cancellation)
    {
        // `at` times count from the start of the load, not from the start of the clusters.
        _loadStart = _context.Clock.Elapsed;
        return Task.WhenAll(_faults.Select(f => RunFaultAsync(f, load, cancellation)));
    }

    /// <summary>
    /// The metric gaps the watch saw: when each began (the last sample before it, in run seconds) and when metrics
    /// resumed, or null when they never did. A metrics source that never answered is a gap from the watch's start.
    /// </summary>
    public IReadOnlyList<(double Start, double? End)> Gaps
    {
        get
        {
            lock (_lock)
            {
                return [.. _gaps];
            }
        }
    }

    /// <summary>Watches the replicator until <paramref name="cancellation"/> fires.</summary>
    public async Task WatchAsync(CancellationToken cancellation)
    {
        DateTime? gapStart = null;
        var wasRunning = true;
        var watchStart = _context.Clock.Elapsed;
        var silenceReported = false;

        // When the process last (re)started: until its first sample after that, it has the start-up allowance, not the
        // gap's five seconds (a JVM serves its first page several seconds after it starts), and a gap never counts
        // from a sample its previous life wrote. A planned stop moves it to the end of the stop.
        DateTime? startedAt = null;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(WatchEvery, _context.Clock.Time, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var running = _context.Replicator.IsRunning;
            var planned = Volatile.Read(ref _expectedDown) > 0;
            if (planned)
            {
                startedAt = _context.Clock.UtcNow.UtcDateTime;
            }

            if (wasRunning && !running && !planned)
            {
                var code = _context.Replicator.ExitCode;
                var what = code is 134 or 137 or -6 or -9 || code < 0 ? $"crashed (exit code {code}; out of memory or killed)" : $"exited with code {code}";
                var why = LogTail.LastLine(_context.Replicator.LogPath) is { } lastLine ? $"; its last log line: {lastLine}" : "";
                Incident("replicatorExit", $"the replicator {what} without a fault asking for it{why}");
                if (code is { } exit && _context.Replicator.ExplainExit(exit) is { } cannotRun)
                {
                    _fatal.TrySetResult(cannotRun);
                    return;
                }

                if (_faults.Any(f => f.RestartReplicatorOnFailure))
                {
                    _context.Replicator.Start();
                    Incident("replicatorRestart", "restarted the replicator, as an operator would (heapPressure restart: true)");
                    startedAt = _context.Clock.UtcNow.UtcDateTime;
                    running = true;
                }
            }

            wasRunning = running;
            if (running && !silenceReported && _metrics is { LastSampleUtc: null } silent && _context.Clock.Elapsed - watchStart > FirstSampleWithin)
            {
                silenceReported = true;
                lock (_lock)
                {
                    _gaps.Add((watchStart.TotalSeconds, null));
                }

                Incident("metricsMissing", $"no replicator metrics {FirstSampleWithin.TotalSeconds:0}s into the run: {silent.Source} never answered; check replicator.metrics");
            }

            if (running && !planned && _metrics?.LastSampleUtc is { } last)
            {
                // A file's write time is on the wall clock, so the age is too: the run's clock, read as wall time.
                var now = _context.Clock.UtcNow.UtcDateTime;
                var sample = last.UtcDateTime;
                var (since, limit) = startedAt is { } started && sample < started ? (started, FirstSampleWithin) : (sample, _metricsGap);
                var age = now - since;
                if (age > limit && gapStart is null)
                {
                    gapStart = since;
                    lock (_lock)
                    {
                        _gaps.Add((_context.Clock.Elapsed.TotalSeconds - age.TotalSeconds, null));
                    }

                    Incident("metricsMissing", $"replicator metrics stopped: nothing written for {age.TotalSeconds:0}s while the process runs");
                }
                else if (age <= _metricsGap && gapStart is { } start)
                {
                    lock (_lock)
                    {
                        _gaps[^1] = (_gaps[^1].Start, _context.Clock.Elapsed.TotalSeconds);
                    }

                    Incident("metricsResumed", $"replicator metrics resumed after a gap of {(now - start).TotalSeconds:0}s");
                    gapStart = null;
                }
            }
        }
    }

    private async Task RunFaultAsync(ScheduledFault scheduled, Task load, CancellationToken cancellation)
    {
        var fault = scheduled.Fault;
        if (!await WaitForTriggerAsync(scheduled, load, cancellation).ConfigureAwait(false))
        {
            Record(new FaultRecord(fault.Id, fault.Kind, fault.Target, null, null, scheduled.At.AfterStep is { } step
                ? $"skipped: the cut-over ended without a {FaultTrigger.StepName(step)} step"
                : $"skipped: the load ended after {_load.Acknowledged.ToString("N0", CultureInfo.InvariantCulture)} records, before {scheduled.At}"));
            return;
        }

        var expectsDown = fault.Kind is "killReplicator" or "restartReplicator" or "pauseReplicator" or "killWorker";
        if (expectsDown)
        {
            Interlocked.Increment(ref _expectedDown);
        }

        var start = _context.Clock.Elapsed.TotalSeconds;
        var running = new FaultRecord(fault.Id, fault.Kind, fault.Target, start, null, "running");
        Interlocked.Increment(ref _active);
        lock (_lock)
        {
            _running.Add(running);
        }

        string note;

        // When the fault was recovered, before the watch's grace for a restarted replicator: recovery counts from here.
        double? recovered = null;
        try
        {
            await fault.StartAsync(_context, cancellation).ConfigureAwait(false);
            _context.Progress.Event($"fault {fault.Id} {fault.Kind}: {fault.Target}");
            if (fault.Instant)
            {
                note = "done";
            }
            else if (scheduled.Duration is { } duration)
            {
                await Task.Delay(duration, _context.Clock.Time, cancellation).ConfigureAwait(false);
                note = $"recovered after {duration.TotalSeconds:0.#}s";
            }
            else
            {
                await load.WaitAsync(cancellation).ConfigureAwait(false);
                note = "no `for`: recovered when the load ended";
            }

            await fault.RecoverAsync(_context, CancellationToken.None).ConfigureAwait(false);
            recovered = _context.Clock.Elapsed.TotalSeconds;
            if (fault.Kind != "restartReplicator")
            {
                _context.Progress.Event($"fault {fault.Id} {fault.Kind} recovered");
            }
        }
        catch (OperationCanceledException)
        {
            await fault.RecoverAsync(_context, CancellationToken.None).ConfigureAwait(false);
            note = "interrupted; recovered";
        }
        catch (InvalidOperationException e)
        {
            note = $"failed: {e.Message}";
            _context.Progress.Event($"fault {fault.Id} {fault.Kind} failed: {e.Message}");
        }
        finally
        {
            if (expectsDown)
            {
                // Give a restarted process a moment to be seen running before the watch judges it again.
                await Task.Delay(TimeSpan.FromSeconds(1), _context.Clock.Time, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Decrement(ref _expectedDown);
            }

            lock (_lock)
            {
                _running.Remove(running);
            }

            Interlocked.Decrement(ref _active);
            Interlocked.Increment(ref _done);
        }

        Record(new FaultRecord(fault.Id, fault.Kind, fault.Target, start, recovered ?? _context.Clock.Elapsed.TotalSeconds, note));
    }

    private async Task<bool> WaitForTriggerAsync(ScheduledFault scheduled, Task load, CancellationToken cancellation)
    {
        while (true)
        {
            if (scheduled.At.AfterStep is { } step)
            {
                // Anchored to the cut-over, not the load: a step held back by its trigger takes the fault with it, and
                // a step that comes after the load ended still gets its fault.
                if (_context.Cutover?.EndedSeconds(step) is { } ended)
                {
                    if (_context.Clock.Elapsed.TotalSeconds >= ended + scheduled.At.Time!.Value.TotalSeconds)
                    {
                        return true;
                    }
                }
                else if (_context.Cutover is not { Finished: false })
                {
                    return false;
                }
            }
            else if (scheduled.At.Time is { } time && _context.Clock.Elapsed - _loadStart >= time)
            {
                return true;
            }

            if (scheduled.At.AfterRecords is { } records)
            {
                if (_load.Acknowledged >= records)
                {
                    return true;
                }

                if (load.IsCompleted)
                {
                    return false;
                }
            }

            await Task.Delay(TriggerPoll, _context.Clock.Time, cancellation).ConfigureAwait(false);
        }
    }

    private void Record(FaultRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
        }
    }

    private void Incident(string kind, string note)
    {
        var now = _context.Clock.Elapsed.TotalSeconds;
        lock (_lock)
        {
            _incidents.Add(new FaultRecord($"w{_incidents.Count + 1}", kind, "replicator", now, null, note));
        }

        _context.Progress.Event(note);
    }
}
