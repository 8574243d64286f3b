using System.Globalization;
using Harness.Broker.Storage;

namespace Harness.Broker.Bench;

/// <summary>Command-line settings; defaults are the figures docs/benchmarks.md reports.</summary>
internal sealed record BenchOptions
{
    /// <summary>Records per run. Default 1,000,000.</summary>
    public int Records { get; init; } = 1_000_000;

    /// <summary>Value size in bytes. Default 200.</summary>
    public int ValueBytes { get; init; } = 200;

    /// <summary>Partitions of the benchmark topics. Default 12.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>Logical brokers. Default 3.</summary>
    public int Brokers { get; init; } = 3;

    /// <summary>Also measure kcat -P / -C. Default true.</summary>
    public bool Kcat { get; init; } = true;

    /// <summary>Where the broker keeps batches: memory or disk. Default memory.</summary>
    public StorageKind Storage { get; init; } = StorageKind.Memory;

    /// <summary>When set, the results table is appended to this markdown file.</summary>
    public string? MarkdownFile { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--records" => options with { Records = NextInt() },
                "--value-bytes" => options with { ValueBytes = NextInt() },
                "--partitions" => options with { Partitions = NextInt() },
                "--brokers" => options with { Brokers = NextInt() },
                "--no-kcat" => options with { Kcat = false },
                "--markdown" => options with { MarkdownFile = Next() },
                "--storage" => options with { Storage = Next() switch
                {
                    "memory" => StorageKind.Memory,
                    "disk" => StorageKind.Disk,
                    var other => throw new ArgumentException($"--storage must be memory or disk, got '{other}'"),
                } },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
