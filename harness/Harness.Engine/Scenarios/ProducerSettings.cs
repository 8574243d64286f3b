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

    /// <summary>Whether each producer sends in transactions (a <c>transactional.id</c> of its own); off by default.</summary>
    public bool Transactional { get; init; }

    /// <summary>Records per transaction when <see cref="Transactional"/>: the producer commits after every this many.</summary>
    public int TransactionRecords { get; init; } = DefaultTransactionRecords;

    /// <summary>Every this many-th transaction is aborted instead of committed (0: none).</summary>
    public int AbortEvery { get; init; }

    /// <summary><see cref="TransactionRecords"/> when the scenario does not say.</summary>
    public const int DefaultTransactionRecords = 100;
}
