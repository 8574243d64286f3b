using System.Diagnostics;
using System.Globalization;
using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Verifier.Bench;

/// <summary>
/// <c>verifier-bench memory</c>: the managed bytes per record that the ledger and the verifier's per-record state keep,
/// with no broker. Synthetic records in the shape a rehearsal makes them (every producer writing every partition in
/// batches, so the producers' batches interleave in each partition) go into a <see cref="Ledger"/> as acknowledged
/// batches, then through the verifier's rules and offset map as read from an identity copy. The retained heap is read
/// with a full collection before and after each part.
/// </summary>
internal static class MemoryRun
{
    private const ulong RunId = 0x5eed;
    private const long Time = 1_700_000_000_000;

    public static int Run(string[] args)
    {
        long records = 10_000_000;
        int partitions = 12, producers = 2, batch = 8;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--records": records = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--partitions": partitions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--producers": producers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; see bench/verifier/README.md");
            }
        }

        var topics = new[] { new VerifiedTopic("memory", "memory", partitions) };
        var key = "key-000001"u8.ToArray();
        var value = new byte[16];
        var hash = RecordStamp.HashContent(key, value);
        var stamp = new byte[RecordStamp.Size];

        var baseline = Retained();
        var ledger = new Ledger();

        // Batches go round the partitions, each partition's batches alternating between the producers: the shape of a
        // keyed load with several producers, where no two consecutive batches of a partition share a producer.
        var sequences = new long[partitions, producers];
        var ends = new long[partitions];
        var batches = records / batch;
        var clock = Stopwatch.StartNew();
        for (long b = 0; b < batches; b++)
        {
            var partition = (int)(b % partitions);
            var producer = (int)(b / partitions % producers);
            ledger.For("memory", partition, producer).Acknowledged(sequences[partition, producer], ends[partition], batch);
            sequences[partition, producer] += batch;
            ends[partition] += batch;
        }

        var ledgerSeconds = clock.Elapsed.TotalSeconds;
        var afterLedger = Retained();

        var rules = new RecordClassifier(topics, RunId);
        var maps = Enumerable.Range(0, partitions).Select(_ => new TargetPartitionMap()).ToArray();
        Array.Clear(sequences);
        Array.Clear(ends);
        clock.Restart();
        for (long b = 0; b < batches; b++)
        {
            var partition = (int)(b % partitions);
            var producer = (int)(b / partitions % producers);
            for (var r = 0; r < batch; r++)
            {
                var sequence = sequences[partition, producer]++;
                new RecordStamp(RunId, 0, (ushort)producer, partition, sequence, Time, hash).EncodeTo(stamp);
                var verdict = rules.Classify(new ConsumedRecord(0, partition, true, stamp, key, value, Time));
                maps[partition].Add(ends[partition]++, verdict.Stream!.Key, sequence);
            }
        }

        var verifierSeconds = clock.Elapsed.TotalSeconds;
        var afterVerifier = Retained();

        // The end of a run: what the ledger is asked for per stream, and one translated-offset check per partition.
        clock.Restart();
        long unacknowledged = 0;
        foreach (var (stream, partitionLedger) in ledger.Entries)
        {
            unacknowledged += rules.Stream(stream).Unacknowledged(partitionLedger);
        }

        var concludeSeconds = clock.Elapsed.TotalSeconds;
        var translation = new TranslationMaps(Enumerable.Range(0, partitions).ToDictionary(p => ("memory", p), p => maps[p]), ledger);
        clock.Restart();
        var checks = Math.Min(partitions, 3);
        for (var p = 0; p < checks; p++)
        {
            var check = translation.Check("memory", p, ends[p] / 2, ends[p] / 2, ends[p]);
            if (check.Exact != ends[p] / 2)
            {
                throw new InvalidOperationException($"translation check of partition {p} found {check.Exact}, expected {ends[p] / 2}");
            }
        }

        var checkSeconds = clock.Elapsed.TotalSeconds;
        var total = batches * batch;
        var ranges = ledger.Entries.Sum(e => (long)e.Ledger.RangeCount);
        var segments = maps.Sum(m => (long)m.SegmentCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"records {total:N0} in {partitions} partitions, {producers} producers, {batch} records a batch ({batches:N0} batches); unacknowledged {unacknowledged}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger:   {ranges:N0} ranges, {(afterLedger - baseline) / 1048576.0:F1} MiB retained, {(afterLedger - baseline) / (double)total:F2} B/record, filled in {ledgerSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verifier: {segments:N0} offset-map segments, {(afterVerifier - afterLedger) / 1048576.0:F1} MiB retained, {(afterVerifier - afterLedger) / (double)total:F2} B/record, classified in {verifierSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"end of run: streams judged in {concludeSeconds:F2} s, {checks} translated-offset checks in {checkSeconds:F2} s"));
        GC.KeepAlive(ledger);
        GC.KeepAlive(rules);
        GC.KeepAlive(maps);
        return 0;
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
