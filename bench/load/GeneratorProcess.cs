using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Harness.Bench.Support;
using Harness.RdKafka;

namespace Harness.Load.Bench;

/// <summary>
/// The parent's handle on one generator child (<see cref="GenerateChild"/>) running on a librdkafka of our choice:
/// started and warmed up, then one measured run. Disposing it kills a child still running, so an error or a
/// cancellation in the parent leaves no generator behind.
/// </summary>
internal sealed class GeneratorProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _library;
    private readonly Task<string> _errors;

    private GeneratorProcess(Process process, string library)
    {
        _process = process;
        _library = library;

        // Read from the start: a child writing more than a pipe holds to stderr would otherwise block.
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// Starts the child on <paramref name="library"/> (through <see cref="LibraryResolver.OverrideVariable"/>) and
    /// returns once it has warmed up into <paramref name="warmUpTopic"/>, a topic of its own that must exist.
    /// </summary>
    public static async Task<GeneratorProcess> StartAsync(string bootstrapServers, string warmUpTopic, string topic, string library, BenchOptions options, CancellationToken cancellation)
    {
        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        var info = ChildProcess.StartInfo(
        [
            "generate", "--bootstrap", bootstrapServers, "--topic", topic, "--warm-up-topic", warmUpTopic, "--records", Number(options.Records),
            "--value-bytes", Number(options.ValueBytes), "--partitions", Number(options.Partitions), "--producers", Number(options.Producers),
        ], redirectInput: true);
        info.RedirectStandardError = true;
        info.Environment[LibraryResolver.OverrideVariable] = library;
        var child = new GeneratorProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start the generator process"), library);
        try
        {
            while (await child._process.StandardOutput.ReadLineAsync(cancellation) is { } line)
            {
                if (line == "ready")
                {
                    return child;
                }
            }

            throw await child.FailureAsync(cancellation);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>The measured run: its wall time and the child's CPU time for it, both as the child measured them.</summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Cpu)> MeasureAsync(CancellationToken cancellation)
    {
        await _process.StandardInput.WriteLineAsync("go".AsMemory(), cancellation);
        await _process.StandardInput.FlushAsync(cancellation);
        var output = await _process.StandardOutput.ReadToEndAsync(cancellation);
        await _process.WaitForExitAsync(cancellation);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (_process.ExitCode != 0 || line is null)
        {
            throw await FailureAsync(cancellation);
        }

        var figures = JsonSerializer.Deserialize<GeneratorFigures>(line) ?? throw new InvalidOperationException($"unreadable figures from the generator process: {line}");

        // The row is labelled with this library: a child that also or instead mapped another would make the label false.
        if (figures.Libraries.Count != 1 || figures.Libraries[0] != _library)
        {
            throw new InvalidOperationException($"the generator process was to run on {_library} alone, it mapped: {string.Join(", ", figures.Libraries)}");
        }

        return (TimeSpan.FromSeconds(figures.ElapsedSeconds), TimeSpan.FromSeconds(figures.CpuSeconds));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task<Exception> FailureAsync(CancellationToken cancellation)
    {
        await _process.WaitForExitAsync(cancellation);
        var errors = (await _errors).Trim();
        return new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"the generator process ({LibraryResolver.OverrideVariable}={_library}) exited {_process.ExitCode}: {(errors.Length > 0 ? errors : "no error output")}"));
    }
}
