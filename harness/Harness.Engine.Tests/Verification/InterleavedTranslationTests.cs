using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// Translated-offset checks where two producers' batches interleave in a partition (a segment per batch) and the
/// replicator copied a stretch twice: every answer equals the definition worked out record by record.
/// </summary>
public sealed class InterleavedTranslationTests
{
    private const int Batches = 300;
    private const int BatchSize = 3;

    [Test]
    public void Every_committed_and_translated_offset_gets_the_exact_position_and_skipped_count_of_the_definition()
    {
        var ledger = new Ledger();
        var source = new List<(LedgerKey Stream, long Sequence)>();
        var sequences = new long[2];
        for (var b = 0; b < Batches; b++)
        {
            var producer = b % 2;
            var stream = new LedgerKey("orders", 0, producer);
            ledger.For("orders", 0, producer).Acknowledged(sequences[producer], source.Count, BatchSize);
            for (var i = 0; i < BatchSize; i++)
            {
                source.Add((stream, sequences[producer]++));
            }
        }

        // The target: the source up to offset 600, then offsets 450-599 again (a replicator restarted from an older
        // commit), then the rest.
        var target = source.Take(600).Concat(source.Skip(450).Take(150)).Concat(source.Skip(600)).ToList();
        var map = new TargetPartitionMap();
        for (var t = 0; t < target.Count; t++)
        {
            map.Add(t, target[t].Stream, target[t].Sequence);
        }

        var maps = new TranslationMaps(new Dictionary<(string, int), TargetPartitionMap> { [("orders", 0)] = map }, ledger);
        map.SegmentCount.Should().BeGreaterThan(Batches, "each batch is a segment");
        var sourceOffset = source.Select((record, offset) => (record, offset)).ToDictionary(p => p.record, p => (long)p.offset);
        foreach (var committed in new long[] { 0, 1, 299, 450, 451, 599, 600, 601, 899, 900 })
        {
            foreach (var translated in new long?[] { null, 0, committed, committed + 1, committed + 151, 1049, 1050 })
            {
                var exact = target.FindIndex(r => sourceOffset[r] >= committed) is var at and >= 0 ? at : target.Count;
                var skipped = translated is not { } position ? 0
                    : target.Take((int)Math.Min(position, target.Count)).Where(r => sourceOffset[r] >= committed).Distinct()
                        .Count(r => !target.Skip((int)Math.Min(position, target.Count)).Contains(r));

                var check = maps.Check("orders", 0, committed, translated, target.Count);

                check.Exact.Should().Be(exact, "committed {0}, translated {1}", committed, translated);
                check.Skipped.Should().Be(skipped, "committed {0}, translated {1}", committed, translated);
            }
        }
    }
}
