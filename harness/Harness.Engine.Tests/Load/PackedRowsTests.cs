using Harness.Engine.Load;

namespace Harness.Engine.Tests.Load;

/// <summary>The packed row table gives back exactly the rows it was given, through extension, truncation and search.</summary>
public sealed class PackedRowsTests
{
    [Test]
    public void Rows_across_many_chunks_read_back_exactly_one_by_one_and_in_a_walk()
    {
        var random = new Random(7);
        var expected = new List<long[]>();
        var rows = new PackedRows(3);
        long sequence = 0;
        for (var i = 0; i < (PackedRows.ChunkRows * 5) + 3; i++)
        {
            // Mostly small steps, sometimes huge or negative ones, as a ledger with gaps and retries has.
            var count = random.Next(1, 20);
            var row = new[] { sequence, random.Next(4) == 0 ? -random.NextInt64(1L << 40) : sequence * 2, count };
            sequence += count + (random.Next(10) == 0 ? 1L << 33 : 0);
            rows.Add(row);
            expected.Add(row);
        }

        rows.Count.Should().Be(expected.Count);
        var read = new long[3];
        for (var i = 0; i < expected.Count; i++)
        {
            rows.Get(i, read);
            read.Should().Equal(expected[i], "row {0}", i);
        }

        var walked = new List<long[]>();
        rows.ForEach(r =>
        {
            walked.Add(r.ToArray());
            return true;
        });
        walked.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Test]
    public void Replacing_the_last_row_changes_it_whether_or_not_it_heads_a_chunk()
    {
        var rows = new PackedRows(2);
        for (var i = 0; i <= PackedRows.ChunkRows; i++)
        {
            rows.Add([i, 1]);
            rows.ReplaceLast([i, 5]);
        }

        var read = new long[2];
        for (var i = 0; i <= PackedRows.ChunkRows; i++)
        {
            rows.Get(i, read);
            read.Should().Equal(i, 5);
        }
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(130)]
    public void Truncating_keeps_the_first_rows_and_appends_after_them(int keep)
    {
        var rows = new PackedRows(2);
        for (var i = 0; i < 150; i++)
        {
            rows.Add([i * 3, i]);
        }

        rows.Truncate(keep);
        for (var i = keep; i < 200; i++)
        {
            rows.Add([i * 3, -i]);
        }

        rows.Count.Should().Be(200);
        var read = new long[2];
        for (var i = 0; i < 200; i++)
        {
            rows.Get(i, read);
            read.Should().Equal(i * 3, i < keep ? i : -i);
        }
    }

    [Test]
    public void The_last_row_at_or_below_a_value_is_found_in_a_rising_field()
    {
        var rows = new PackedRows(2);
        for (var i = 0; i < 1000; i++)
        {
            rows.Add([i * 10, i]);
        }

        var row = new long[2];
        rows.LastAtOrBelow(0, -1, row).Should().Be(-1);
        rows.LastAtOrBelow(0, 0, row).Should().Be(0);
        rows.LastAtOrBelow(0, 645, row).Should().Be(64);
        row.Should().Equal(640, 64);
        rows.LastAtOrBelow(0, 99_999, row).Should().Be(999);
        row.Should().Equal(9990, 999);
    }
}
