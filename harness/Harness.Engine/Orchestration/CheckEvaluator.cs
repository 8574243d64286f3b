using System.Globalization;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>Turns measurements into the pass/fail checks of a run, each measured against its expectation.</summary>
internal static class CheckEvaluator
{
    public static List<CheckResult> Evaluate(ExpectSpec expect, VerificationOutcome outcome, DrainOutcome drain, long loadFailed)
    {
        var verification = outcome.Result;
        var produced = verification.Produced;
        var checks = new List<CheckResult>
        {
            Count("no records lost", verification.Lost, expect.Lost, produced),
            Count("duplicates within bound", verification.Duplicated, expect.Duplicates, produced),
            Count("no records reordered", verification.Reordered, expect.Reordered, produced),
            Count("no records corrupted", verification.Corrupted, expect.Corrupted, produced),
            Count("no records misrouted", verification.Misrouted, Tolerance.Zero, produced),
            Count("no unexpected records", verification.Unexpected, Tolerance.Zero, produced),
            new()
            {
                Name = "source acknowledged every record",
                Passed = loadFailed == 0 && produced > 0,
                Measured = $"{produced.ToString("N0", CultureInfo.InvariantCulture)} acknowledged, {loadFailed.ToString("N0", CultureInfo.InvariantCulture)} failed",
                Expected = "0 failed",
                Message = loadFailed == 0 ? null : "the load producers gave up on records; the source cluster did not take the load",
            },
            new()
            {
                Name = "replication drained",
                Passed = drain.Drained,
                Measured = drain.Drained ? $"lag 0 after {drain.Elapsed.TotalSeconds:0.0}s" : $"lag {drain.Lag:N0} after {drain.Elapsed.TotalSeconds:0.0}s ({drain.Reason})",
                Expected = $"lag 0 within {expect.DrainWithin.TotalSeconds:0}s",
                Message = drain.Drained ? null : $"the target did not catch up with the source: {drain.Reason}",
            },
            new()
            {
                Name = "verifier read the whole target",
                Passed = outcome.Complete,
                Measured = outcome.Complete ? "every remote partition read to its end" : $"unread: {string.Join(", ", outcome.Unread.Take(5))}",
                Expected = "every remote partition read to its end",
                Message = outcome.Complete ? null : "the counts above are incomplete: the target could not be read to its end in time",
            },
        };

        // Only a run with transactions can copy an aborted record: other runs keep the checks they always had.
        if (verification.Aborted > 0 || verification.AbortedCopied > 0)
        {
            checks.Insert(6, Count("no aborted records copied", verification.AbortedCopied, expect.AbortedCopied, verification.Aborted));
        }

        // Only a compacted topic is checked per key: other runs keep the checks they always had.
        if (verification.Keys > 0)
        {
            checks.Insert(6, KeyParity(verification, expect));
            checks.Insert(7, Count("no keys reordered", verification.KeysReordered, Tolerance.Zero, produced));
        }

        return checks;
    }

    /// <summary>
    /// The compacted topics' key parity: every key's latest record on the source must be its latest on the target (a
    /// key the source deleted may be absent). Records superseded by a later one of their key are compacted, not lost.
    /// </summary>
    private static CheckResult KeyParity(VerificationResult verification, ExpectSpec expect)
    {
        var wrong = verification.KeysLost + verification.StaleKeys;
        var passed = expect.StaleKeys.Allows(wrong, verification.Keys);
        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        return new CheckResult
        {
            Name = "every key's latest record replicated",
            Passed = passed,
            Measured = $"{N(verification.KeysLost)} keys lost, {N(verification.StaleKeys)} stale of {N(verification.Keys)} keys ({N(verification.Compacted)} superseded records compacted)",
            Expected = $"<= {expect.StaleKeys} keys lost or stale (limit {N(expect.StaleKeys.Limit(verification.Keys))})",
            Message = passed ? null : $"{N(wrong)} keys of compacted topics end on the target in a state the source left: a reader of the target sees old or missing values",
        };
    }

    private static CheckResult Count(string name, long measured, Tolerance tolerance, long total)
    {
        var passed = tolerance.Allows(measured, total);
        return new CheckResult
        {
            Name = name,
            Passed = passed,
            Measured = measured.ToString("N0", CultureInfo.InvariantCulture),
            Expected = $"<= {tolerance} (limit {tolerance.Limit(total).ToString("N0", CultureInfo.InvariantCulture)})",
            Message = passed ? null : $"{measured.ToString("N0", CultureInfo.InvariantCulture)} of {total.ToString("N0", CultureInfo.InvariantCulture)} records, more than the {tolerance} allowed",
        };
    }
}
