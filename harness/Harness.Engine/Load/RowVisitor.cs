namespace Harness.Engine.Load;

/// <summary>Called with each row of a <see cref="PackedRows"/> (the span is only valid during the call); false stops the walk.</summary>
internal delegate bool RowVisitor(ReadOnlySpan<long> row);
