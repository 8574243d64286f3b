namespace Harness.Engine.Clusters;

/// <summary>A source or target cluster of a run, whatever runs it.</summary>
public interface IKafkaCluster : IAsyncDisposable
{
    /// <summary>"source" or "target".</summary>
    string Role { get; }

    /// <summary>Backend name for the report: embedded, containers, external.</summary>
    string Backend { get; }

    /// <summary>Bootstrap servers for clients.</summary>
    string BootstrapServers { get; }

    /// <summary>Brokers that are up now, or null when the backend cannot tell.</summary>
    int? BrokersUp { get; }

    /// <summary>The CA certificate (PEM) the cluster's brokers generated for TLS, or null when it has none.</summary>
    string? CaFile => null;

    /// <summary>Fault actions, or null when the backend cannot inject faults.</summary>
    IClusterFaults? Faults { get; }
}
