namespace Harness.Engine.Capture;

/// <summary>How <see cref="ClusterCapture"/> observes a cluster.</summary>
public sealed record CaptureOptions
{
    /// <summary>Records sampled per topic when not given: enough to tell uniform keys from skewed ones.</summary>
    public const int DefaultSample = 10_000;

    /// <summary>Bootstrap servers, <c>host:port[,host:port]</c>.</summary>
    public required string Bootstrap { get; init; }

    /// <summary>How long to watch end offsets move; 5 minutes by default.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Records to sample per topic at most; <see cref="DefaultSample"/> by default, 0 to sample none.</summary>
    public int Sample { get; init; } = DefaultSample;

    /// <summary>Extra librdkafka client settings for every client the capture opens (SASL, TLS, timeouts).</summary>
    public IReadOnlyDictionary<string, string> ClientSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How often end offsets are read during the window.</summary>
    public TimeSpan ReadEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one admin request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
