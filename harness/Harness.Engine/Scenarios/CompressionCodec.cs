namespace Harness.Engine.Scenarios;

/// <summary>The producer's compression codec (<c>compression</c>).</summary>
public enum CompressionCodec
{
    /// <summary>No compression (<c>none</c>), the default.</summary>
    None,

    /// <summary><c>gzip</c>.</summary>
    Gzip,

    /// <summary><c>snappy</c>.</summary>
    Snappy,

    /// <summary><c>lz4</c>.</summary>
    Lz4,

    /// <summary><c>zstd</c>.</summary>
    Zstd,
}
