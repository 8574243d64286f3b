using System.CommandLine;
using Harness.Engine.Runs;
using Harness.Reports;
using Harness.Reports.Compare;
using Harness.Reports.Sizing;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness report compare RUN_A RUN_B [...]`: compares runs against the first for nightly CI (or sizing runs, when
/// every folder holds a sizing.json). Exit 1 when a figure regressed beyond the threshold, 2 when an input cannot be
/// read, 0 otherwise.
/// </summary>
internal static class ReportCommand
{
    private const string Usage = "usage: harness report compare RUN_A RUN_B [...] [--threshold 10%] [-o compare.html]";

    public static Command Create()
    {
        var command = new Command("report", "Work with the reports of finished runs.") { CreateCompare() };

        // Without this the parser's own "required command" error would exit 1, which scripts read as a regression.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => BadInput(
            parse.UnmatchedTokens.Count > 0 ? $"unknown report command {parse.UnmatchedTokens[0]}; {Usage}" : Usage));
        return command;
    }

    private static Command CreateCompare()
    {
        // Arity and unknown options are checked here rather than by the parser, whose errors exit 1: for this
        // command 1 means "regressed", and a mistyped command line must not look like one.
        var runs = new Argument<string[]>("runs")
        {
            Description = "Run folders (or their results.json); the first is the baseline",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var threshold = new Option<string>("--threshold")
        {
            Description = "Tolerated change before a figure counts as a regression, e.g. 10% (default)",
            DefaultValueFactory = _ => "10%",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write the HTML comparison",
            DefaultValueFactory = _ => ComparisonHtmlWriter.FileName,
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "compare",
            "Compare runs against the first: throughput, latency, lag, duplicates, lost, duration. Exit 1 on a regression.")
        {
            runs,
            threshold,
            output,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Compare(
            parse.GetValue(runs) ?? [],
            MissingValue(parse, threshold) ? null : parse.GetValue(threshold),
            MissingValue(parse, output) ? null : parse.GetValue(output),
            parse.UnmatchedTokens));
        return command;
    }

    private static int Compare(string[] paths, string? thresholdText, string? outputPath, IReadOnlyList<string> unmatched)
    {
        var unknown = unmatched.Concat(paths.Where(p => p.StartsWith('-') && !Path.Exists(p))).FirstOrDefault();
        if (unknown is not null)
        {
            return BadInput($"unknown option {unknown}; {Usage}");
        }

        if (string.IsNullOrEmpty(outputPath))
        {
            return BadInput($"-o needs a file name, for example -o compare.html; {Usage}");
        }

        if (paths.Length < 2)
        {
            return BadInput($"compare needs at least two run folders, the first being the baseline (got {paths.Length}); {Usage}");
        }

        if (!RegressionThreshold.TryParse(thresholdText, out var fraction))
        {
            return BadInput($"--threshold '{thresholdText}' is not a percentage; write it like --threshold 10% or --threshold 2.5%");
        }

        if (paths.All(SizingJson.IsSizing))
        {
            return CompareSizing(paths, fraction);
        }

        RunComparison comparison;
        try
        {
            comparison = RunComparison.Create(RunFolder.LoadAll(paths), fraction);
        }
        catch (ReportFormatException e)
        {
            // The reports library knows no exit codes; its format errors are the user's input.
            throw new HarnessException(e.Message, ExitCodes.BadInput, e);
        }

        if (comparison.Scenarios.Count > 1)
        {
            Console.Error.WriteLine($"harness: warning: the runs are of different scenarios ({string.Join(", ", comparison.Scenarios)}); their figures may not be comparable");
        }

        ComparisonTextWriter.Write(comparison, Console.Out);
        var page = Path.GetFullPath(outputPath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(page)!);
            using var stream = new FileStream(page, FileMode.Create, FileAccess.Write);
            new ComparisonHtmlWriter().Write(comparison, stream, Path.GetDirectoryName(page));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return BadInput($"{outputPath}: cannot write the comparison ({e.Message}); pass a writable path with -o");
        }

        Console.Out.WriteLine($"compare: {page}");
        return comparison.Regressions.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Passed;
    }

    // Sizing runs (folders with sizing.json) compare by knee and by what the model asks for; the comparison is text only.
    private static int CompareSizing(string[] paths, double threshold)
    {
        SizingComparison comparison;
        try
        {
            comparison = SizingComparison.Create([.. paths.Select(p => (p, SizingJson.Read(p)))], threshold);
        }
        catch (ReportFormatException e)
        {
            throw new HarnessException(e.Message, ExitCodes.BadInput, e);
        }

        comparison.Write(Console.Out);
        return comparison.Regressions.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Passed;
    }

    // An option written without its value would otherwise silently take its default.
    private static bool MissingValue(ParseResult parse, Option option) =>
        parse.GetResult(option) is { Implicit: false, Tokens.Count: 0 };

    private static int BadInput(string message) => throw new HarnessException(message, ExitCodes.BadInput);
}
