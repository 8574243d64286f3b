using System.Diagnostics;
using System.Globalization;

namespace Harness.Verifier.Bench;

/// <summary>The parent's handle on the broker child: start it, create the topic, read its watermarks and CPU time, stop it.</summary>
internal sealed class BrokerProcess : IDisposable
{
    private readonly Process _process;

    private BrokerProcess(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static async Task<BrokerProcess> StartAsync(BenchOptions options)
    {
        var process = Process.Start(ChildProcess.StartInfo(["serve", "--brokers", options.Brokers.ToString(CultureInfo.InvariantCulture)], redirectInput: true))
            ?? throw new InvalidOperationException("cannot start the broker process");
        var bootstrap = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the broker process ended at start");
        return new BrokerProcess(process, bootstrap);
    }

    public async Task CreateTopicAsync(string name, int partitions) => await AskAsync($"create {name} {partitions}");

    /// <summary>The high watermark of every partition of a topic.</summary>
    public async Task<IReadOnlyList<long>> HighWatermarksAsync(string topic, int partitions) =>
        (await AskAsync($"marks {topic} {partitions}")).Split(',').Select(m => long.Parse(m, CultureInfo.InvariantCulture)).ToList();

    /// <summary>CPU time the broker process has used so far.</summary>
    public async Task<TimeSpan> CpuAsync() => TimeSpan.FromMilliseconds(long.Parse(await AskAsync("cpu"), CultureInfo.InvariantCulture));

    private async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var answer = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the broker process ended");
        return answer.StartsWith("error", StringComparison.Ordinal) ? throw new InvalidOperationException(answer) : answer;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Flush();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
