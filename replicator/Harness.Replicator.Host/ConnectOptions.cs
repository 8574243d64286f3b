namespace Harness.Replicator.Host;

/// <summary>The command line of <c>harness-replicator connect</c>, once <see cref="ConnectCommand"/> has parsed it.</summary>
internal sealed record ConnectOptions
{
    public string? WorkerConfigFile { get; init; }

    public string? BootstrapServers { get; init; }

    /// <summary>The REST port when given (0 = a free port); null takes the worker config's listener.</summary>
    public int? Port { get; init; }

    public int MetricsPort { get; init; }

    public string? StateDirectory { get; init; }
}
