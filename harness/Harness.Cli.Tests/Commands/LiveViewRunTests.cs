using System.Diagnostics;
using System.Text.Json;
using Harness.Testing;

namespace Harness.Cli.Tests.Commands;

/// <summary>The live view in a real pseudo-terminal, and the plain lines it gives way to for files, pipes and CI.</summary>
[Category("Integration")]
public sealed class LiveViewRunTests
{
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";

    // A few seconds of load: enough for samples to arrive, short enough to run three times.
    private const string Short = """
        name: live-view
        seed: 7
        topics:
          - {name: orders, partitions: 2, rate: 1000, records: 4_000, size: 200, volume: high}
          - {name: audit, partitions: 1, rate: 200, records: 800, size: 200}
        replicator: {kind: builtin, policy: identity}
        expect:
          drainWithin: 20s
        """;

    private static readonly Dictionary<string, string?> Person = new()
    {
        ["CI"] = null,
        ["NO_COLOR"] = null,
        ["TERM"] = "xterm-256color",
    };

    [Test]
    public async Task In_a_terminal_outside_CI_the_run_draws_the_live_view_and_still_ends_with_the_run_folder()
    {
        using var folder = TempFolder.Create("harness-live-");
        var (directory, file) = await ScenarioAsync(folder, Short);
        using var terminal = PseudoTerminal.Start(directory, Person, "run", file, "--output", "runs");

        var exitCode = await terminal.WaitForExitAsync(TimeSpan.FromMinutes(3));

        var output = terminal.Output;
        exitCode.Should().Be(0, PseudoTerminal.Plain(output));
        output.Should().Contain(HideCursor, "the view hides the cursor while it draws")
            .And.MatchRegex("\u001b\\[\\d+A", "it redraws in place by moving the cursor up")
            .And.Contain("╭").And.Contain("│ class │ topics │ produced │ replicated │ lag │");
        output.LastIndexOf(ShowCursor, StringComparison.Ordinal).Should().BeGreaterThan(output.LastIndexOf(HideCursor, StringComparison.Ordinal), "the cursor comes back");
        var plain = PseudoTerminal.Plain(output);
        plain.Should().Contain("phase load").And.Contain("> drain").And.NotContain("[phase]");
        Verdict(directory, PseudoTerminal.LastLine(output)).Should().Be("passed");
    }

    [Test]
    public async Task Output_redirected_to_a_file_gets_plain_lines_without_escapes()
    {
        using var folder = TempFolder.Create("harness-live-");
        var (directory, file) = await ScenarioAsync(folder, Short);
        var info = new ProcessStartInfo("sh") { WorkingDirectory = directory, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec dotnet '{Path.Combine(HarnessProcess.BinDirectory, "harness.dll")}' run '{file}' --output runs > out.log 2> err.log");
        info.Environment.Remove("CI");
        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        folder.KeepWhileRunning(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await process.WaitForExitAsync(timeout.Token);

        var output = await File.ReadAllTextAsync(Path.Combine(directory, "out.log"));
        process.ExitCode.Should().Be(0, output + await File.ReadAllTextAsync(Path.Combine(directory, "err.log")));
        output.Should().Contain("[phase] load").And.Contain("[phase] drain").And.MatchRegex(@"\[\d\d:\d\d\] \S.* produced ").And.NotContain("\u001b");
        Verdict(directory, output.TrimEnd().Split('\n')[^1].Trim()).Should().Be("passed");
    }

    [Test]
    public async Task In_a_terminal_under_CI_the_run_prints_plain_lines()
    {
        using var folder = TempFolder.Create("harness-live-");
        var (directory, file) = await ScenarioAsync(folder, Short);
        using var terminal = PseudoTerminal.Start(directory, new Dictionary<string, string?>(Person) { ["CI"] = "true" }, "run", file, "--output", "runs");

        var exitCode = await terminal.WaitForExitAsync(TimeSpan.FromMinutes(3));

        var output = terminal.Output;
        exitCode.Should().Be(0, PseudoTerminal.Plain(output));
        output.Should().Contain("[phase] load").And.NotContain(HideCursor).And.NotMatchRegex("\u001b\\[\\d+A").And.NotContain("╭");
        Verdict(directory, PseudoTerminal.LastLine(output)).Should().Be("passed");
    }

    [Test]
    public async Task Ctrl_C_in_the_live_view_ends_the_run_with_a_partial_report_and_gives_the_cursor_back()
    {
        using var folder = TempFolder.Create("harness-live-");
        var (directory, file) = await ScenarioAsync(folder, """
            name: long
            topics:
              - {name: slow, partitions: 2, rate: 200, duration: 5m}
            replicator: {kind: builtin, policy: identity}
            """);
        using var terminal = PseudoTerminal.Start(directory, Person, "run", file, "--output", "runs");
        await terminal.WaitForAsync(o => PseudoTerminal.Plain(o).Contains("phase load", StringComparison.Ordinal), TimeSpan.FromSeconds(90));

        terminal.PressCtrlC();
        var exitCode = await terminal.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var output = terminal.Output;
        exitCode.Should().Be(130, PseudoTerminal.Plain(output));
        output.LastIndexOf(ShowCursor, StringComparison.Ordinal).Should().BeGreaterThan(output.LastIndexOf(HideCursor, StringComparison.Ordinal), "the cursor comes back");
        Verdict(directory, PseudoTerminal.LastLine(output)).Should().Be("partial");
    }

    private static async Task<(string Directory, string File)> ScenarioAsync(TempFolder folder, string text)
    {
        var directory = folder.FullName;
        var file = Path.Combine(directory, "scenario.yaml");
        await File.WriteAllTextAsync(file, text);
        return (directory, file);
    }

    private static string? Verdict(string directory, string runFolder)
    {
        var results = Path.Combine(directory, runFolder, "results.json");
        File.Exists(results).Should().BeTrue($"the last line should be the run folder, but it is '{runFolder}'");
        return JsonDocument.Parse(File.ReadAllText(results)).RootElement.GetProperty("verdict").GetString();
    }
}
