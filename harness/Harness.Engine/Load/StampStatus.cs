namespace Harness.Engine.Load;

/// <summary>Outcome of reading a record's stamp.</summary>
public enum StampStatus
{
    /// <summary>The stamp decoded and its CRC matched.</summary>
    Valid,

    /// <summary>The stamp's fields decoded but its CRC does not match: some header byte changed.</summary>
    Damaged,

    /// <summary>The header is not a stamp of this format at all.</summary>
    Unreadable,
}
