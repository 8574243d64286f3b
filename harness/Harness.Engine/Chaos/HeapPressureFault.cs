
namespace Harness.Engine.Chaos;

/// <summary>
/// Heap pressure on the replicator, as in the incident this project was built for: the replicator runs under a
/// heap limit its driver sets when it starts (DOTNET_GCHeapHardLimit for the built-in one, -Xmx for MirrorMaker 2),
/// and, when it has a ballast, the ballast grows to a fraction of that limit over a duration. Recovery frees the
/// ballast. Without a ballast the limit alone is the fault: a smaller heap under the scenario's load.
/// </summary>
internal sealed class HeapPressureFault(string id, int limitMiB, double fraction, TimeSpan over, bool ballast) : IFault
{
    private CancellationTokenSource? _growing;
    private Task? _growth;

    public string Id { get; } = id;

    public string Kind => "heapPressure";

    /// <summary>The hard heap limit the replicator must be started with.</summary>
    public int LimitMiB { get; } = limitMiB;

    public string Target => ballast
        ? $"replicator heap: ballast to {fraction:P0} of {LimitMiB} MiB over {over.TotalSeconds:0}s"
        : $"replicator heap limited to {LimitMiB} MiB from its start, no ballast: the load is the pressure";

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        if (!ballast)
        {
            return Task.CompletedTask;
        }

        _growing = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _growth = GrowAsync(context, _growing.Token);
        return Task.CompletedTask;
    }

    private async Task GrowAsync(FaultContext context, CancellationToken cancellation)
    {
        var started = context.Clock.Elapsed;
        var target = (int)(LimitMiB * fraction);
        while (!cancellation.IsCancellationRequested)
        {
            var progress = Math.Min(1, (context.Clock.Elapsed - started) / over);
            await SetBallastAsync(context, (int)(target * progress), cancellation).ConfigureAwait(false);
            if (progress >= 1)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), context.Clock.Time, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RecoverAsync(FaultContext context, CancellationToken cancellation)
    {
        if (_growing is not null)
        {
            await _growing.CancelAsync().ConfigureAwait(false);
            await (_growth ?? Task.CompletedTask).ConfigureAwait(false);
            _growing.Dispose();
        }

        await SetBallastAsync(context, 0, cancellation).ConfigureAwait(false);
    }

    private static async Task SetBallastAsync(FaultContext context, int mib, CancellationToken cancellation)
    {
        if (context.Replicator.Ballast is { } ballast && context.Replicator.IsRunning)
        {
            // A replicator that is down (perhaps out of memory) gets nothing: the watch records that.
            await ballast.SetAsync(mib, cancellation).ConfigureAwait(false);
        }
    }
}
