using System.Globalization;
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

    /// <summary>harness.dll; default the Release build of harness/Harness.Cli in this repository.</summary>
    public string? Harness { get; init; }

    /// <summary>When set, the results are appended to this markdown file.</summary>
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
                "--duration" => options with
                {
                    Duration = ScalarFormats.TryParseDuration(Next(), out var length) && length >= TimeSpan.FromSeconds(10)
                        ? length
                        : throw new ArgumentException("--duration needs a duration of at least 10s, such as 2m or 10m"),
                },
                "--rate" => options with { Rate = NextInt() },
                "--value-bytes" => options with { ValueBytes = NextInt() },
                "--partitions" => options with { Partitions = NextInt() },
                "--storage" => options with { Storages = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--harness" => options with { Harness = Next() },
                "--markdown" => options with { MarkdownFile = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (options.Storages.Any(s => s is not ("memory" or "disk")))
        {
            throw new ArgumentException("--storage takes memory, disk or memory,disk");
        }

        return options;
    }
}
