using System.Diagnostics;
using System.Globalization;

namespace Harness.Replicator.Bench;

/// <summary>The parent's handle on the cluster child: create topics, count records, stop it.</summary>
internal sealed class ClusterProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();

    private ClusterProcess(Process process, string source, string target)
    {
        _process = process;
        SourceBootstrap = source;
        TargetBootstrap = target;
    }

    public string SourceBootstrap { get; }

    public string TargetBootstrap { get; }

    public int Id => _process.Id;

    public static async Task<ClusterProcess> StartAsync(BenchOptions options)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this executable");
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ClusterProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "serve", "--brokers", options.Brokers.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the cluster process");
        var source = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the cluster process ended at start");
        var target = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the cluster process ended at start");
        return new ClusterProcess(process, source, target);
    }

    public void CreateTopic(string cluster, string name, int partitions) => Ask($"create {cluster} {name} {partitions}");

    public long Count(string cluster, string topic, int partitions) => long.Parse(Ask($"count {cluster} {topic} {partitions}"), CultureInfo.InvariantCulture);

    private string Ask(string command)
    {
        lock (_lock)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
            var answer = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the cluster process ended");
            return answer.StartsWith("error", StringComparison.Ordinal) ? throw new InvalidOperationException(answer) : answer;
        }
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
