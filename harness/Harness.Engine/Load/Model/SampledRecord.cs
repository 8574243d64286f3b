namespace Harness.Engine.Load.Model;

/// <summary>The sampled shape of one record: which key, how large, which headers.</summary>
/// <param name="Ordinal">The record's position in its topic, from zero.</param>
/// <param name="KeyIndex">The key index, or <see langword="null"/> for no key.</param>
/// <param name="ValueSize">Value size in bytes.</param>
/// <param name="HeaderCount">Application headers to add.</param>
/// <param name="HeaderSize">Bytes per application header value.</param>
public readonly record struct SampledRecord(long Ordinal, long? KeyIndex, int ValueSize, int HeaderCount, int HeaderSize)
{
    /// <summary>The key text (<c>key-000123</c>), or <see langword="null"/> for no key.</summary>
    public string? Key => KeyIndex is { } index ? KeyDistribution.FormatKey(index) : null;
}
