namespace Harness.Engine.Scenarios;

/// <summary>Producer client settings for a topic (<c>topics[].producer</c>). Unset values keep the client's own defaults.</summary>
public sealed record ProducerSettings
{
    /// <summary>Acks all with idempotence, the Kafka 3.x producer defaults.</summary>
    public static ProducerSettings Default { get; } = new();

    /// <summary>Which acknowledgement to wait for; <see cref="AcksMode.All"/> by default.</summary>
    public AcksMode Acks { get; init; } = AcksMode.All;

    /// <summary><c>linger.ms</c>, or <see langword="null"/> for the client default.</summary>
    public int? LingerMs { get; init; }

    /// <summary><c>batch.size</c> in bytes, or <see langword="null"/> for the client default.</summary>
    public int? BatchSize { get; init; }

    /// <summary><c>enable.idempotence</c>; by default on when <see cref="Acks"/> is all, which it requires.</summary>
    public bool Idempotence { get; init; } = true;
}
