namespace Harness.Broker.Records;

/// <summary>
/// One record inside a magic-2 batch as the cleaner sees it: where its bytes are in the decoded record area, its
/// offset delta, its key (null when the record has none) and whether its value is null (a tombstone).
/// </summary>
internal readonly record struct BatchRecord(int Start, int Length, int OffsetDelta, byte[]? Key, bool IsTombstone);
