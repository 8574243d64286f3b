using Harness.Reports.Model;

namespace Harness.Engine.Switchover;

/// <summary>Where a switched-over consumer starts on one target partition.</summary>
/// <param name="Offset">The start offset; null for the log start (no translation, <c>auto.offset.reset=earliest</c>).</param>
/// <param name="Source">Where the offset came from.</param>
internal readonly record struct SwitchoverStart(long? Offset, SwitchoverStartSource Source);
