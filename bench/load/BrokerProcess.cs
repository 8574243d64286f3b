using System.Diagnostics;
using System.Globalization;

namespace Harness.Load.Bench;

/// <summary>The parent's handle on the broker child: start it, create topics, count records, read its CPU time, stop it.</summary>
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
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this executable");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BrokerProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "serve", "--brokers", options.Brokers.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the broker process");
        var bootstrap = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the broker process ended at start");
        return new BrokerProcess(process, bootstrap);
    }

    public async Task CreateTopicAsync(string name, int partitions) => await AskAsync($"create {name} {partitions}");

    /// <summary>Records stored in a topic (the sum of its partitions' high watermarks).</summary>
    public async Task<long> CountAsync(string topic, int partitions) => long.Parse(await AskAsync($"count {topic} {partitions}"), CultureInfo.InvariantCulture);

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
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
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
