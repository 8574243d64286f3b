using Harness.Bench.Support;

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
        var arguments = new BenchArguments(args);
        while (arguments.Next())
        {
            options = arguments.Option switch
            {
                "--records" => options with { Records = arguments.Int() },
                "--value-bytes" => options with { ValueBytes = arguments.Int() },
                "--partitions" => options with { Partitions = arguments.Int() },
                "--brokers" => options with { Brokers = arguments.Int() },
                "--runs" => options with { Runs = arguments.Int() },
                "--producers" => options with { Producers = arguments.Int() },
                "--markdown" => options with { MarkdownFile = arguments.Value() },
                "--only" => options with { Only = arguments.Value() },
                "--bootstrap" => options with { Bootstrap = arguments.Value() },
                "--topic" => options with { Topic = arguments.Value() },
                "--warm-up-topic" => options with { WarmUpTopic = arguments.Value() },
                _ => throw arguments.Unknown(),
            };
        }

        return options;
    }
}
