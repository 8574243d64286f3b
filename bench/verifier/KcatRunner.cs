using System.Diagnostics;
using System.Globalization;

namespace Harness.Verifier.Bench;

/// <summary>
/// <c>kcat -C -e</c> reading the topic from the beginning to its end, output to /dev/null: librdkafka with no .NET in
/// the reader, the speed the verifier is held to.
/// </summary>
internal static class KcatRunner
{
    public const string Name = "kcat -C -e";

    /// <summary>kcat printing what the verifier reads of each record: timestamp, headers and value.</summary>
    public const string HeadersName = "kcat -C -e -f '%T %h %s'";

    public static string Version()
    {
        var info = new ProcessStartInfo("kcat", "-V") { UseShellExecute = false, RedirectStandardOutput = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kcat");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n').FirstOrDefault(l => l.Contains("librdkafka", StringComparison.Ordinal))?.Trim() ?? "kcat";
    }

    /// <summary>
    /// Reads with kcat's default output (each value and a newline), the cheapest full read it offers: kcat parses no
    /// header and hashes nothing, while the verifier does both for every record. With <paramref name="headers"/>,
    /// kcat also prints each record's timestamp and headers, so librdkafka parses the headers as it does for the
    /// verifier. GNU time gives its CPU and peak RSS.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu, long PeakRss)> ReadAsync(string bootstrapServers, string topic, bool headers = false)
    {
        var figures = Path.Combine(Path.GetTempPath(), $"verifier-bench-kcat-{Environment.ProcessId}.txt");
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"/usr/bin/time -o {figures} -f '%U %S %M' kcat -C -e -q -o beginning -t {topic} -b {bootstrapServers}{(headers ? " -f '%T %h %s\\n'" : string.Empty)} > /dev/null");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kcat");
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            var message = await errors;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"kcat exited {process.ExitCode}: {message}"));
        }

        var words = (await File.ReadAllTextAsync(figures)).Trim().Split(' ');
        File.Delete(figures);
        var cpu = TimeSpan.FromSeconds(double.Parse(words[0], CultureInfo.InvariantCulture) + double.Parse(words[1], CultureInfo.InvariantCulture));
        return (elapsed, cpu, long.Parse(words[2], CultureInfo.InvariantCulture) * 1024);
    }
}
