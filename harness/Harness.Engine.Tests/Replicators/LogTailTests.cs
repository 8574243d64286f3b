using Harness.Engine.Replicators;

namespace Harness.Engine.Tests.Replicators;

public sealed class LogTailTests
{
    [Test]
    public async Task The_last_non_blank_line_is_read_even_from_a_long_log()
    {
        var file = Path.GetTempFileName();
        try
        {
            var lines = Enumerable.Range(0, 2000).Select(i => $"line {i}").Append("replication failed: task 0: broken").Append("").Append("  ");
            await File.WriteAllLinesAsync(file, lines);

            LogTail.LastLine(file).Should().Be("replication failed: task 0: broken");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task A_process_killed_by_an_unhandled_exception_is_named_by_the_exception_and_its_own_first_frame()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, [
                "copied 1,200 records",
                "Unhandled exception. System.Collections.Generic.KeyNotFoundException: The given key '(orders, 3)' was not present in the dictionary.",
                "   at System.Collections.Generic.Dictionary`2.get_Item(TKey key)",
                "   at Harness.Replicator.Source.MirrorWorker.Send(List`1 records)",
                "   at System.Threading.Thread.StartCallback()",
            ]);

            LogTail.LastLine(file).Should().Be("Unhandled exception. System.Collections.Generic.KeyNotFoundException: The given key '(orders, 3)' was not present "
                + "in the dictionary. at Harness.Replicator.Source.MirrorWorker.Send(List`1 records)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task A_missing_or_empty_log_has_no_last_line_and_a_long_line_is_capped()
    {
        LogTail.LastLine(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))).Should().BeNull();
        LogTail.LastLine("").Should().BeNull("a replicator with no log file has no last line");
        var file = Path.GetTempFileName();
        try
        {
            LogTail.LastLine(file).Should().BeNull();
            await File.WriteAllTextAsync(file, new string('x', 1000));
            LogTail.LastLine(file)!.Length.Should().BeLessThan(310);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
