using System.Diagnostics;
using System.Globalization;

namespace Harness.Bench.Support;

/// <summary>The parent's handle on the broker child (<see cref="BrokerServer"/>): start it, ask it, stop it.</summary>
public sealed class BrokerProcess : IDisposable
{
    private readonly Process _process;

    private BrokerProcess(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>
    /// Starts the benchmark's own executable with <c>serve --brokers N</c> (and <c>--storage disk</c> for disk storage), which
    /// must call <see cref="BrokerServer.RunAsync"/>.
    /// </summary>
    public static async Task<BrokerProcess> StartAsync(int brokers, bool diskStorage = false)
    {
        string[] arguments = ["serve", "--brokers", brokers.ToString(CultureInfo.InvariantCulture), .. diskStorage ? new[] { "--storage", "disk" } : []];
        var process = Process.Start(ChildProcess.StartInfo(arguments, redirectInput: true))
            ?? throw new InvalidOperationException("cannot start the broker process");
        var bootstrap = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the broker process ended at start");
        return new BrokerProcess(process, bootstrap);
    }

    public async Task CreateTopicAsync(string name, int partitions) => await AskAsync($"create {name} {partitions}");

    /// <summary>Deletes a topic and has the broker collect its memory before answering.</summary>
    public async Task DeleteTopicAsync(string name) => await AskAsync($"delete {name}");

    /// <summary>Records stored in a topic (the sum of its partitions' high watermarks).</summary>
    public async Task<long> CountAsync(string topic, int partitions) => long.Parse(await AskAsync($"count {topic} {partitions}"), CultureInfo.InvariantCulture);

    /// <summary>The high watermark of every partition of a topic.</summary>
    public async Task<IReadOnlyList<long>> HighWatermarksAsync(string topic, int partitions) =>
        (await AskAsync($"marks {topic} {partitions}")).Split(',').Select(m => long.Parse(m, CultureInfo.InvariantCulture)).ToList();

    /// <summary>CPU time the broker process has used so far.</summary>
    public async Task<TimeSpan> CpuAsync() => TimeSpan.FromMilliseconds(long.Parse(await AskAsync("cpu"), CultureInfo.InvariantCulture));

    /// <summary>The broker process's memory against what it stores.</summary>
    public async Task<BrokerMemory> MemoryAsync()
    {
        var numbers = (await AskAsync("stats")).Split(' ').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        return new BrokerMemory(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
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

    private async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var answer = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the broker process ended");
        return answer.StartsWith("error", StringComparison.Ordinal) ? throw new InvalidOperationException(answer) : answer;
    }
}
