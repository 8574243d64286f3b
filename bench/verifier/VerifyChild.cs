using System.Diagnostics;
using System.Text.Json;
using Harness.Engine.Runs;
using Harness.Engine.Verification;
using Harness.Bench.Support;

namespace Harness.Verifier.Bench;

/// <summary>
/// The verifier child: a process of its own, so its peak RSS (<c>VmHWM</c>) is the verify phase's alone, with
/// neither the producer's nor the brokers' memory in it. It verifies the topic as a rehearsal's final pass does:
/// the harness's <see cref="StreamingVerifier"/> reading the target to its end offsets, then classifying what
/// was never seen against the ledger.
/// </summary>
internal static class VerifyChild
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var topic = options.Topic ?? throw new ArgumentException("--topic is required");
        var ledger = LedgerFile.Read(options.LedgerPath ?? throw new ArgumentException("--ledger is required"));
        var ends = options.Ends.Select((end, partition) => (Key: (topic, partition), End: end)).ToDictionary(e => e.Key, e => e.End);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = new RunClock(TimeProvider.System);
        VerificationOutcome outcome;
        long read;
        using (var verifier = new StreamingVerifier([new VerifiedTopic(topic, topic, options.Partitions)], ledger, TopicFiller.RunId,
            options.Bootstrap ?? throw new ArgumentException("--bootstrap is required"), new LatencyRecorder(), clock))
        {
            verifier.Start();
            outcome = await verifier.FinishAsync(ends, TimeSpan.FromMinutes(10), CancellationToken.None);
            read = verifier.RecordsRead;
        }

        var elapsed = clock.Elapsed;
        var parity = outcome.Result.Partitions;
        var anomalies = parity.Sum(p => p.Lost + p.Duplicated + p.Reordered + p.Corrupted + p.Misrouted + p.Unexpected + p.Unacknowledged);
        var figures = new VerifyFigures(read, elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, ProcessMemory.Peak(), GC.GetTotalAllocatedBytes(precise: true),
            parity.Sum(p => p.Produced), parity.Sum(p => p.Replicated), anomalies, outcome.Complete,
            string.Join("; ", outcome.Unread.Concat(outcome.Result.Examples.Take(3).Select(e => $"{e.Class} {e.TargetTopic}/{e.TargetPartition}@{e.TargetOffset}: {e.Detail}"))));
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }
}
