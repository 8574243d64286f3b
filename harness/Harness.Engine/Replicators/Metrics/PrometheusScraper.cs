namespace Harness.Engine.Replicators.Metrics;

/// <summary>
/// Scrapes a replicator's Prometheus endpoint (a JMX exporter in front of MirrorMaker 2, or the built-in replicator's
/// <c>--metrics-port</c>). A scrape that fails or times out is simply no fresh sample: a paused or exhausted replicator
/// stops answering, which is exactly the silence the missing-metrics watch looks for.
/// </summary>
public sealed class PrometheusScraper : IReplicatorMetrics
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly Func<HttpMessageHandler> _handler;
    private readonly object _lock = new();
    private DateTimeOffset? _lastSample;
    private ReplicatorFigures? _latest;

    /// <summary>A scraper of <paramref name="url"/>; <paramref name="handler"/> replaces the network in tests.</summary>
    public PrometheusScraper(Uri url, Func<HttpMessageHandler>? handler = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        _handler = handler ?? (() => new SocketsHttpHandler());
    }

    /// <summary>The endpoint.</summary>
    public Uri Url { get; }

    /// <inheritdoc/>
    public string Source => Url.ToString();

    /// <inheritdoc/>
    public DateTimeOffset? LastSampleUtc
    {
        get
        {
            lock (_lock)
            {
                return _lastSample;
            }
        }
    }

    /// <inheritdoc/>
    public ReplicatorFigures? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    /// <inheritdoc/>
    public async Task RunAsync(TimeProvider time, TimeSpan every, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var client = new HttpClient(_handler()) { Timeout = Timeout };
        using var timer = new PeriodicTimer(every, time);
        try
        {
            do
            {
                await ScrapeAsync(client, time, cancellation).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>One scrape; true when it gave a fresh sample.</summary>
    internal async Task<bool> ScrapeAsync(HttpClient client, TimeProvider time, CancellationToken cancellation)
    {
        string text;
        try
        {
            using var response = await client.GetAsync(Url, cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return false; // refused, reset, or timed out: no sample this time
        }

        var samples = PrometheusText.Parse(text);
        if (samples.Count == 0)
        {
            return false; // an empty page is an exporter with nothing to say, not a sample
        }

        var figures = MirrorMakerSeries.Figures(samples);
        lock (_lock)
        {
            _lastSample = time.GetUtcNow();
            _latest = figures;
        }

        return true;
    }
}
