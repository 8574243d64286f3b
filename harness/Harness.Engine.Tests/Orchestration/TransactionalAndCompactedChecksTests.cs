using Harness.Engine.Load;
using Harness.Engine.Orchestration;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>
/// The checks only transactional and compacted runs have: aborted records copied within <c>expect.abortedCopied</c>,
/// and every key's latest record within <c>expect.staleKeys</c>, with what they measured.
/// </summary>
public sealed class TransactionalAndCompactedChecksTests
{
    private static readonly DrainOutcome Drained = new(true, 0, TimeSpan.FromSeconds(1), "caught up");

    private static List<Reports.Model.CheckResult> Checks(ExpectSpec expect, PartitionParity parity) =>
        CheckEvaluator.Evaluate(expect, new VerificationOutcome(new VerificationResult([parity], []), true, [],
            new TranslationMaps(new Dictionary<(string, int), TargetPartitionMap>(), new Ledger())), Drained, 0);

    [Test]
    public void Aborted_records_copied_pass_within_the_scenario_tolerance_and_fail_beyond_it()
    {
        var parity = new PartitionParity("ledger", "ledger", 0) { Produced = 8_000, Replicated = 8_000, Aborted = 2_000, AbortedCopied = 2_000 };

        var strict = Checks(ExpectSpec.Default, parity).Single(c => c.Name == "no aborted records copied");
        var tolerant = Checks(ExpectSpec.Default with { AbortedCopied = Tolerance.Fraction(1) }, parity).Single(c => c.Name == "no aborted records copied");

        (strict.Passed, strict.Measured, strict.Expected).Should().Be((false, "2,000", "<= 0 (limit 0)"));
        (tolerant.Passed, tolerant.Expected).Should().Be((true, "<= 100% (limit 2,000)"));
    }

    [Test]
    public void A_compacted_run_checks_every_key_latest_record_and_the_per_key_order()
    {
        var parity = new PartitionParity("table", "table", 0)
        {
            Produced = 1_000, Replicated = 900, Compacted = 97, Keys = 300, KeysLost = 1, StaleKeys = 2, KeysReordered = 0,
        };

        var checks = Checks(ExpectSpec.Default, parity);
        var keys = checks.Single(c => c.Name == "every key's latest record replicated");
        var loose = Checks(ExpectSpec.Default with { StaleKeys = Tolerance.Count(3) }, parity).Single(c => c.Name == "every key's latest record replicated");

        (keys.Passed, keys.Measured, keys.Expected).Should().Be((false, "1 keys lost, 2 stale of 300 keys (97 superseded records compacted)", "<= 0 keys lost or stale (limit 0)"));
        loose.Passed.Should().BeTrue();
        checks.Single(c => c.Name == "no keys reordered").Passed.Should().BeTrue();
        Checks(ExpectSpec.Default, new PartitionParity("events", "events", 0) { Produced = 10, Replicated = 10 })
            .Should().NotContain(c => c.Name == "every key's latest record replicated" || c.Name == "no keys reordered" || c.Name == "no aborted records copied",
                "a plain run keeps the checks it always had");
    }
}
