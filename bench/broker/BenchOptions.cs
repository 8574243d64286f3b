using Harness.Bench.Support;
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
        var arguments = new BenchArguments(args);
        while (arguments.Next())
        {
            options = arguments.Option switch
            {
                "--records" => options with { Records = arguments.Int() },
                "--value-bytes" => options with { ValueBytes = arguments.Int() },
                "--partitions" => options with { Partitions = arguments.Int() },
                "--brokers" => options with { Brokers = arguments.Int() },
                "--no-kcat" => options with { Kcat = false },
                "--markdown" => options with { MarkdownFile = arguments.Value() },
                "--storage" => options with { Storage = arguments.Value() switch
                {
                    "memory" => StorageKind.Memory,
                    "disk" => StorageKind.Disk,
                    var other => throw new ArgumentException($"--storage must be memory or disk, got '{other}'"),
                } },
                _ => throw arguments.Unknown(),
            };
        }

        return options;
    }
}
