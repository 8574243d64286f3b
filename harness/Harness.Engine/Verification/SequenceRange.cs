namespace Harness.Engine.Verification;

/// <summary>Sequences [Start, End).</summary>
internal readonly record struct SequenceRange(long Start, long End)
{
    public long Count => End - Start;

    public bool Contains(long sequence) => sequence >= Start && sequence < End;
}
