using System.Diagnostics;
using System.Globalization;

namespace Harness.Load.Bench;

/// <summary>kcat -P from a file: librdkafka with no .NET in the client, the reference the generator is held to.</summary>
internal sealed class KcatRunner : IDisposable
{
    private readonly string _input = Path.Combine(Path.GetTempPath(), $"load-bench-{Environment.ProcessId}.txt");

    public KcatRunner(BenchOptions options)
    {
        // One printable line per record, value bytes long, so kcat sends the generator's payload size.
        using var writer = new StreamWriter(_input);
        var line = new string('x', options.ValueBytes);
        for (var i = 0; i < options.Records; i++)
        {
            writer.WriteLine(line);
        }
    }

    public static string Version()
    {
        var info = new ProcessStartInfo("kcat", "-V") { UseShellExecute = false, RedirectStandardOutput = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kcat");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = text.Split('\n').FirstOrDefault(l => l.Contains("librdkafka", StringComparison.Ordinal)) ?? string.Empty;
        return line.Trim();
    }

    /// <summary>
    /// Sends the file with the generator's default producer settings: acks=all, idempotent, linger.ms=5; with
    /// <paramref name="stampSizedHeader"/>, every record also carries a 41-byte header named like the harness's stamp,
    /// which is the generator's extra work per record as far as librdkafka and the broker are concerned.
    /// </summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Cpu)> ProduceAsync(string bootstrapServers, string topic, bool stampSizedHeader = false)
    {
        var header = stampSizedHeader ? $"-H hx-stamp={new string('s', 41)} " : string.Empty;
        // bash's `times` prints the CPU time of its finished children, which .NET cannot read after a child exits.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"kcat -b {bootstrapServers} -P -t {topic} {header}-X enable.idempotence=true -X acks=all -X linger.ms=5 -l {_input} && times");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kcat");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            var message = await errors;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"kcat exited {process.ExitCode}: {message}"));
        }

        var children = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ');
        return (elapsed, ParseTimes(children[0]) + ParseTimes(children[1]));
    }

    /// <summary>Reads bash's <c>0m1.234s</c>.</summary>
    private static TimeSpan ParseTimes(string text)
    {
        var m = text.IndexOf('m', StringComparison.Ordinal);
        var minutes = int.Parse(text[..m], CultureInfo.InvariantCulture);
        var seconds = double.Parse(text[(m + 1)..^1], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((minutes * 60) + seconds);
    }

    public void Dispose() => File.Delete(_input);
}
