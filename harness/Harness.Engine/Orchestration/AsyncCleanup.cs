namespace Harness.Engine.Orchestration;

/// <summary>Cleanup that is not a resource of its own (a consumer to close, a watch to end), owned by the run like one.</summary>
internal sealed class AsyncCleanup(Func<ValueTask> cleanup) : IAsyncDisposable
{
    public static AsyncCleanup Of(IDisposable disposable) => new(() =>
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    });

    public ValueTask DisposeAsync() => cleanup();
}
