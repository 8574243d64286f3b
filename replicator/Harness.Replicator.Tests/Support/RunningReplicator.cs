using System.Collections.Concurrent;
using Harness.Replicator.Configuration;
using Harness.Replicator.Source;
using Harness.Testing;

namespace Harness.Replicator.Tests.Support;

/// <summary>A <see cref="MirrorReplicator"/> running in the test process, stopped (gracefully) on dispose.</summary>
internal sealed class RunningReplicator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningReplicator(ReplicatorSettings settings, TimeProvider? time)
    {
        Settings = settings;
        Replicator = new MirrorReplicator(settings, Log.Enqueue, time);
        _run = Task.Run(() => Replicator.RunAsync(_stop.Token));
    }

    public ReplicatorSettings Settings { get; }

    public MirrorReplicator Replicator { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public static ReplicatorSettings Read(IReadOnlyDictionary<string, string> properties) =>
        ReplicatorSettingsReader.Read(properties.ToDictionary(p => p.Key, p => (p.Value, 0)), null, []);

    public static async Task<RunningReplicator> StartAsync(IReadOnlyDictionary<string, string> properties, TimeProvider? time = null)
    {
        var running = new RunningReplicator(Read(properties), time);
        await Eventually.TrueAsync(() => running.Replicator.State != ReplicatorState.Starting || running._run.IsCompleted, TimeSpan.FromSeconds(30), "the replicator started");
        if (running._run.IsFaulted)
        {
            await running._run.ConfigureAwait(false);
        }

        return running;
    }

    /// <summary>Stops gracefully and rethrows what the run threw.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (ReplicationFailedException)
        {
            // Reported by the test that cares.
        }

        _stop.Dispose();
    }

    public override string ToString() => string.Join('\n', Log);
}
