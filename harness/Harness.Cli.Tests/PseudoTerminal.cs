using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Cli.Tests;

/// <summary>
/// Runs the harness CLI inside a pseudo-terminal (util-linux <c>script</c>), as a person at a terminal would, and
/// records every byte it draws, escapes included. Keys typed into it (Ctrl-C) reach the CLI as signals through the
/// terminal, not through a test-only path.
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private readonly Process _script;
    private readonly StringBuilder _output = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _reading;

    private PseudoTerminal(Process script)
    {
        _script = script;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Everything written to the terminal so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>harness ARGUMENTS</c> in a 120x40 terminal.</summary>
    /// <param name="workingDirectory">Where the harness runs.</param>
    /// <param name="environment">Variables to set, or to remove when the value is null.</param>
    /// <param name="arguments">The harness's arguments.</param>
    public static PseudoTerminal Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var harness = string.Join(' ', new[] { "dotnet", Path.Combine(HarnessProcess.BinDirectory, "harness.dll") }.Concat(arguments).Select(Quote));
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // -e: script exits with the harness's exit code; the size is set inside, as a pty made without a terminal
        // on stdin starts with none.
        foreach (var argument in new[] { "-qfec", $"stty cols 120 rows 40 && exec {harness}", "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return new PseudoTerminal(Process.Start(info)!);
    }

    /// <summary>Waits until the terminal shows what <paramref name="condition"/> looks for.</summary>
    public async Task WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition(Output))
        {
            if (_reading.IsCompleted)
            {
                throw new InvalidOperationException($"the harness ended before the terminal showed what the test waits for; it shows:\n{Plain(Output)}");
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the terminal did not show what the test waits for within {timeout}; it shows:\n{Plain(Output)}");
            }
        }
    }

    /// <summary>Types Ctrl-C: the terminal turns it into SIGINT for the harness.</summary>
    public void PressCtrlC()
    {
        _script.StandardInput.Write('\u0003');
        _script.StandardInput.Flush();
    }

    /// <summary>Waits for the harness to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _script.WaitForExitAsync(deadline.Token);
            await _reading.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the harness did not end within {timeout}; the terminal shows:\n{Plain(Output)}");
        }

        return _script.ExitCode;
    }

    /// <summary>Terminal output as text: escape sequences and carriage returns removed.</summary>
    public static string Plain(string output) => Escape().Replace(output, "").Replace("\r", "", StringComparison.Ordinal);

    /// <summary>The last non-empty line of <paramref name="output"/> as text.</summary>
    public static string LastLine(string output) => Plain(output).Split('\n').Last(l => l.Trim().Length > 0).Trim();

    public void Dispose()
    {
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
        }

        _script.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _script.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.Append(buffer, 0, read);
            }

            _arrived.Release();
        }

        _arrived.Release();
    }

    private static string Quote(string argument) => $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    // CSI sequences (colours, cursor moves, erases, cursor show/hide) and the two-byte keypad modes .NET may set.
    [GeneratedRegex("\u001b(\\[[0-9;?]*[A-Za-z]|[=>])", RegexOptions.None, 1000)]
    private static partial Regex Escape();
}
