using Harness.Bench.Support;
using System.Globalization;

namespace Harness.Replicator.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions
{
    public int Records { get; init; } = 1_000_000;

    public int ValueBytes { get; init; } = 200;

    public int Partitions { get; init; } = 12;

    public int Brokers { get; init; } = 3;

    public IReadOnlyList<int> Tasks { get; init; } = [1, 2, 4];

    public bool Kcat { get; init; } = true;

    public string? Markdown { get; init; }

    /// <summary>Environment variables for the replicator process (runtime knobs such as DOTNET_gcServer).</summary>
    public IReadOnlyList<(string Key, string Value)> ReplicatorEnvironment { get; init; } = [];

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
                "--tasks" => options with { Tasks = arguments.Value().Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList() },
                "--no-kcat" => options with { Kcat = false },
                "--markdown" => options with { Markdown = arguments.Value() },
                "--replicator-env" => options with { ReplicatorEnvironment = [.. options.ReplicatorEnvironment, Pair(arguments.Value())] },
                _ => throw arguments.Unknown(),
            };
        }

        return options;
    }

    private static (string Key, string Value) Pair(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? (text[..equals], text[(equals + 1)..]) : throw new ArgumentException($"--replicator-env {text}: expected NAME=VALUE");
    }
}
