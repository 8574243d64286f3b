using Harness.Engine.Replicators;

namespace Harness.Engine.Tests.Chaos;

/// <summary>A ballast that only keeps the sizes it was set to, and lets a test wait for one.</summary>
internal sealed class RecordingBallast(int awaited) : IHeapBallast
{
    private readonly object _lock = new();
    private readonly List<int> _sizes = [];
    private readonly TaskCompletionSource<int> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public IReadOnlyList<int> Sizes
    {
        get
        {
            lock (_lock)
            {
                return [.. _sizes];
            }
        }
    }

    /// <summary>Completes once the ballast was set to the size given at construction.</summary>
    public Task<int> Reached => _reached.Task;

    public Task SetAsync(int mib, CancellationToken cancellation)
    {
        lock (_lock)
        {
            _sizes.Add(mib);
        }

        if (mib == awaited)
        {
            _reached.TrySetResult(mib);
        }

        return Task.CompletedTask;
    }
}
