namespace Harness.Engine.Sizing;

/// <summary>
/// Samples the CPU use of a level's replicator once a second while the level runs: the processes whose command line
/// names the level's folder (each level's replicator gets its properties file there, and only one level runs at a
/// time). <see cref="CoresBetween"/> then averages over the level's plateau.
/// </summary>
internal sealed class ReplicatorCpuSampler : IAsyncDisposable
{
    private readonly string _marker;
    private readonly TimeProvider _time;
    private readonly Func<string, Dictionary<int, double>> _read;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(double At, double CpuSeconds)> _points = [];
    private readonly long _started;
    private readonly Task _loop;

    /// <param name="marker">Text the replicator's command line contains.</param>
    /// <param name="time">The clock of the samples.</param>
    /// <param name="read">Reads CPU seconds by pid; /proc when null.</param>
    /// <param name="everySecond">Sample once a second on a background loop; false leaves sampling to <see cref="Sample"/>.</param>
    public ReplicatorCpuSampler(string marker, TimeProvider time, Func<string, Dictionary<int, double>>? read = null, bool everySecond = true)
    {
        _marker = marker;
        _time = time;
        _read = read ?? (m => ProcessCpu.Read(m));
        _started = time.GetTimestamp();
        _loop = everySecond ? Task.Run(LoopAsync) : Task.CompletedTask;
    }

    /// <summary>The mean cores (1.0 = one core busy) between two offsets from the start; null without two samples there.</summary>
    public double? CoresBetween(double from, double to)
    {
        List<(double At, double CpuSeconds)> points;
        lock (_points)
        {
            points = [.. _points.Where(p => p.At >= from && p.At <= to).OrderBy(p => p.At)];
        }

        return points.Count < 2 || points[^1].At <= points[0].At
            ? null
            : Math.Round((points[^1].CpuSeconds - points[0].CpuSeconds) / (points[^1].At - points[0].At), 2);
    }

    /// <summary>Takes one sample now (the loop's step; also what tests call).</summary>
    public void Sample()
    {
        var processes = _read(_marker);
        if (processes.Count == 0)
        {
            return;
        }

        var at = _time.GetElapsedTime(_started).TotalSeconds;
        lock (_points)
        {
            _points.Add((at, processes.Values.Sum()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped between samples.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            await Task.Delay(TimeSpan.FromSeconds(1), _time, _stop.Token).ConfigureAwait(false);
        }
    }
}
