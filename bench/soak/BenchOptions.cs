using Harness.Bench.Support;
using Harness.Engine.Scenarios;

namespace Harness.Soak.Bench;

/// <summary>Command-line settings; defaults are the soak docs/benchmarks.md reports.</summary>
internal sealed record BenchOptions
{
    /// <summary>How long each storage's load runs. Default 10 minutes.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Records per second: a steady rate the machine sustains. Default 8,000 (the soak scenario's mean).</summary>
    public int Rate { get; init; } = 8_000;

    /// <summary>Value size in bytes. Default 1 KiB.</summary>
    public int ValueBytes { get; init; } = 1024;

    /// <summary>Partitions of the topic. Default 12.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>The storages to soak, in order. Default memory, then disk.</summary>
    public IReadOnlyList<string> Storages { get; init; } = ["memory", "disk"];

    /// <summary>
    /// When set, the topic's <c>retention.ms</c> on both clusters (with 64 MiB segments, so whole segments age out): a
    /// soak longer than the disk holds at the rate keeps only this much behind the replicator and the verifier.
    /// </summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>harness.dll; default the Release build of harness/Harness.Cli in this repository.</summary>
    public string? Harness { get; init; }

    /// <summary>When set, the results are appended to this markdown file.</summary>
    public string? MarkdownFile { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var arguments = new BenchArguments(args);
        while (arguments.Next())
        {
            options = arguments.Option switch
            {
                "--duration" => options with
                {
                    Duration = ScalarFormats.TryParseDuration(arguments.Value(), out var length) && length >= TimeSpan.FromSeconds(10)
                        ? length
                        : throw new ArgumentException("--duration needs a duration of at least 10s, such as 2m or 10m"),
                },
                "--rate" => options with { Rate = arguments.Int() },
                "--value-bytes" => options with { ValueBytes = arguments.Int() },
                "--partitions" => options with { Partitions = arguments.Int() },
                "--storage" => options with { Storages = arguments.Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--retention" => options with
                {
                    Retention = ScalarFormats.TryParseDuration(arguments.Value(), out var kept) && kept >= TimeSpan.FromSeconds(30)
                        ? kept
                        : throw new ArgumentException("--retention needs a duration of at least 30s, such as 5m"),
                },
                "--harness" => options with { Harness = arguments.Value() },
                "--markdown" => options with { MarkdownFile = arguments.Value() },
                _ => throw arguments.Unknown(),
            };
        }

        if (options.Storages.Any(s => s is not ("memory" or "disk")))
        {
            throw new ArgumentException("--storage takes memory, disk or memory,disk");
        }

        return options;
    }
}
