using System.Globalization;

namespace Harness.Engine.Replicators.Builtin;

/// <summary>The built-in replicator's ballast, set through its loopback control endpoint (its port is in a file it writes).</summary>
internal sealed class ControlEndpointBallast(string portFile) : IHeapBallast
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task SetAsync(int mib, CancellationToken cancellation)
    {
        if (!File.Exists(portFile))
        {
            return; // not started yet, or down (perhaps out of memory): the run's watch records that
        }

        try
        {
            var port = int.Parse((await File.ReadAllTextAsync(portFile, cancellation).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
            using var response = await Http.PostAsync(new Uri($"http://127.0.0.1:{port}/ballast?mib={mib}"), null, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException or IOException)
        {
            // An overloaded replicator may not answer; the metrics watch shows what that means.
        }
    }
}
