using System.Globalization;
using Harness.Engine.Load;

namespace Harness.Verifier.Bench;

/// <summary>
/// The producer's ledger as text, one acknowledged range a line (<c>topic partition producer first-sequence
/// first-offset count</c>): the verifier child gets exactly the truth the generator recorded, without producing.
/// </summary>
internal static class LedgerFile
{
    public static void Write(Ledger ledger, string path)
    {
        using var writer = new StreamWriter(path);
        foreach (var (key, partition) in ledger.Entries)
        {
            foreach (var range in partition.Ranges)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Topic} {key.Partition} {key.ProducerId} {range.FirstSequence} {range.FirstOffset} {range.Count}"));
            }
        }
    }

    public static Ledger Read(string path)
    {
        var ledger = new Ledger();
        foreach (var line in File.ReadLines(path))
        {
            var words = line.Split(' ');
            long Number(int index) => long.Parse(words[index], CultureInfo.InvariantCulture);
            ledger.For(words[0], (int)Number(1), (int)Number(2)).Acknowledged(Number(3), Number(4), Number(5));
        }

        return ledger;
    }
}
