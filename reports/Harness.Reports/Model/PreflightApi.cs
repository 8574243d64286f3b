namespace Harness.Reports.Model;

/// <summary>One Kafka API the run needs and what the cluster's brokers support of it (the narrowest range over brokers).</summary>
public sealed record PreflightApi
{
    /// <summary>The API key.</summary>
    public required int Key { get; init; }

    /// <summary>The API name (Produce, Fetch, ...).</summary>
    public required string Name { get; init; }

    /// <summary>The lowest version the run's clients can live with.</summary>
    public required int Needed { get; init; }

    /// <summary>The lowest version every broker supports; null when a broker does not support the API.</summary>
    public int? MinVersion { get; init; }

    /// <summary>The highest version every broker supports; null when a broker does not support the API.</summary>
    public int? MaxVersion { get; init; }

    /// <summary>Who needs it and for what.</summary>
    public required string Purpose { get; init; }

    /// <summary><c>ok</c>, <c>missing</c> or <c>too-old</c>.</summary>
    public required string Status { get; init; }
}
