using System.Globalization;
using Harness.Bench.Support;

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

    /// <summary>
    /// Reads with kcat's default output (each value and a newline), the cheapest full read it offers: kcat parses no
    /// header and hashes nothing, while the verifier does both for every record. With <paramref name="headers"/>,
    /// kcat also prints each record's timestamp and headers, so librdkafka parses the headers as it does for the
    /// verifier. GNU time gives its CPU and peak RSS.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu, long PeakRss)> ReadAsync(string bootstrapServers, string topic, bool headers = false)
    {
        var figures = Path.Combine(Path.GetTempPath(), $"verifier-bench-kcat-{Environment.ProcessId}.txt");
        var (elapsed, _) = await TimedCommand.RunAsync($"/usr/bin/time -o {figures} -f '%U %S %M' kcat -C -e -q -o beginning -t {topic} -b {bootstrapServers}{(headers ? " -f '%T %h %s\\n'" : string.Empty)} > /dev/null");
        var words = (await File.ReadAllTextAsync(figures)).Trim().Split(' ');
        File.Delete(figures);
        var cpu = TimeSpan.FromSeconds(double.Parse(words[0], CultureInfo.InvariantCulture) + double.Parse(words[1], CultureInfo.InvariantCulture));
        return (elapsed, cpu, long.Parse(words[2], CultureInfo.InvariantCulture) * 1024);
    }
}
