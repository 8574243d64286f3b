using Harness.Bench.Support;
using System.Globalization;

namespace Harness.Verifier.Bench;

/// <summary>Command-line settings; defaults are the figures docs/benchmarks.md reports.</summary>
internal sealed record BenchOptions
{
    /// <summary>Records in the verified topic. Default 10,000,000.</summary>
    public int Records { get; init; } = 10_000_000;

    /// <summary>Partitions of the topic. Default 12.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>Value size in bytes. Default 200.</summary>
    public int ValueBytes { get; init; } = 200;

    /// <summary>Logical brokers. Default 3.</summary>
    public int Brokers { get; init; } = 3;

    /// <summary>Measured runs of each reader. Default 3.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Measure only this reader ("verifier" or "kcat"), for profiling one side; both by default.</summary>
    public string? Only { get; init; }

    /// <summary>When set, the results are appended to this markdown file.</summary>
    public string? MarkdownFile { get; init; }

    /// <summary>The verifier child's cluster.</summary>
    public string? Bootstrap { get; init; }

    /// <summary>The verifier child's topic.</summary>
    public string? Topic { get; init; }

    /// <summary>The verifier child's ledger file (see <see cref="LedgerFile"/>).</summary>
    public string? LedgerPath { get; init; }

    /// <summary>The verifier child's end offsets, one per partition.</summary>
    public IReadOnlyList<long> Ends { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var arguments = new BenchArguments(args);
        while (arguments.Next())
        {
            options = arguments.Option switch
            {
                "--records" => options with { Records = arguments.Int() },
                "--partitions" => options with { Partitions = arguments.Int() },
                "--value-bytes" => options with { ValueBytes = arguments.Int() },
                "--brokers" => options with { Brokers = arguments.Int() },
                "--runs" => options with { Runs = arguments.Int() },
                "--markdown" => options with { MarkdownFile = arguments.Value() },
                "--only" => options with { Only = arguments.Value() },
                "--bootstrap" => options with { Bootstrap = arguments.Value() },
                "--topic" => options with { Topic = arguments.Value() },
                "--ledger" => options with { LedgerPath = arguments.Value() },
                "--ends" => options with { Ends = arguments.Value().Split(',').Select(e => long.Parse(e, CultureInfo.InvariantCulture)).ToList() },
                _ => throw arguments.Unknown(),
            };
        }

        return options;
    }
}
