using Harness.Engine.Load;

namespace Harness.Engine.Tests.Verification;

/// <summary>Ledgers as a clean source partition leaves them, for tests that count what is lost.</summary>
internal static class Ledgers
{
    /// <summary>Sequences 0 to <paramref name="count"/> - 1 acknowledged, each at the offset equal to its sequence.</summary>
    public static PartitionLedger Acknowledged(int count)
    {
        var ledger = new PartitionLedger();
        for (var s = 0; s < count; s++)
        {
            ledger.Acknowledged(s, s);
        }

        return ledger;
    }
}
