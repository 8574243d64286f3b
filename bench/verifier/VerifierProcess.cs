using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Harness.Bench.Support;

namespace Harness.Verifier.Bench;

/// <summary>The parent's side of one verify run: starts the verifier child and reads its figures.</summary>
internal static class VerifierProcess
{
    public static async Task<(VerifyFigures Figures, TimeSpan ProcessElapsed)> RunAsync(string bootstrapServers, string topic, string ledgerPath, IReadOnlyList<long> ends, BenchOptions options)
    {
        var info = ChildProcess.StartInfo(
        [
            "verify", "--bootstrap", bootstrapServers, "--topic", topic, "--partitions", options.Partitions.ToString(CultureInfo.InvariantCulture),
            "--ledger", ledgerPath, "--ends", string.Join(',', ends.Select(e => e.ToString(CultureInfo.InvariantCulture))),
        ], redirectInput: false);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the verifier process");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the verifier process exited {process.ExitCode}: {output}"));
        }

        return (JsonSerializer.Deserialize<VerifyFigures>(line) ?? throw new InvalidOperationException($"unreadable figures: {line}"), elapsed);
    }
}
