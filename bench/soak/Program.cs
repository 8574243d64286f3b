using Harness.Bench.Support;
using Harness.Soak.Bench;

// soak-bench [--duration 10m] [--rate 8000] [--value-bytes 1024] [--partitions 12] [--storage memory,disk]
//            [--harness PATH] [--markdown FILE]
//   For each storage, runs `harness run` on a steady-rate scenario of that length on two embedded clusters, reads the
//   harness's RSS from /proc every second, and prints RSS over time, its slope over the second half, and the run's rates.
var options = BenchArguments.ParseOrExit(() => BenchOptions.Parse(args));
var report = await SoakBench.RunAsync(options);
Console.Write(report.Text);
if (options.MarkdownFile is { } file)
{
    await File.AppendAllTextAsync(file, report.Text);
}

Console.WriteLine($"load average now {MachineLoad.OneMinute()}");
return report.AllPassed ? 0 : 1;
