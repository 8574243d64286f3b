using Harness.Engine.Chaos;

namespace Harness.Engine.Tests.Chaos;

/// <summary>A fault that acts on nothing and notes when, on the run clock, the engine started and recovered it.</summary>
internal sealed class RecordingFault(string id) : IFault
{
    private readonly TaskCompletionSource<TimeSpan> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string Kind => "recording";

    public string Target => "nothing";

    /// <summary>Completes with the run-clock time the fault was started at.</summary>
    public Task<TimeSpan> Started => _started.Task;

    public TimeSpan? Recovered { get; private set; }

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        _started.TrySetResult(context.Clock.Elapsed);
        return Task.CompletedTask;
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation)
    {
        Recovered = context.Clock.Elapsed;
        return Task.CompletedTask;
    }
}
