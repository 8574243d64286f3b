using System.Globalization;

namespace Harness.Load.Bench;

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

    /// <summary>Measured runs of each tool. Default 3.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Producer clients the generator uses for the topic. Default 1, as kcat is one client.</summary>
    public int Producers { get; init; } = 1;

    /// <summary>Measure only this tool ("generator" or "kcat"), for profiling one side; both by default.</summary>
    public string? Only { get; init; }

    /// <summary>When set, the results are appended to this markdown file.</summary>
    public string? MarkdownFile { get; init; }

    /// <summary>The generator child's cluster.</summary>
    public string? Bootstrap { get; init; }

    /// <summary>The generator child's measured topic.</summary>
    public string? Topic { get; init; }

    /// <summary>The topic the generator child warms up into before its measured run.</summary>
    public string? WarmUpTopic { get; init; }

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
                "--runs" => options with { Runs = NextInt() },
                "--producers" => options with { Producers = NextInt() },
                "--markdown" => options with { MarkdownFile = Next() },
                "--only" => options with { Only = Next() },
                "--bootstrap" => options with { Bootstrap = Next() },
                "--topic" => options with { Topic = Next() },
                "--warm-up-topic" => options with { WarmUpTopic = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
