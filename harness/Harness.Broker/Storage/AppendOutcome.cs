using Harness.Broker.Protocol;

namespace Harness.Broker.Storage;

/// <summary>Result of appending one batch: its error, and the offsets the producer is told.</summary>
internal readonly record struct AppendOutcome(ErrorCode Error, long BaseOffset, long LogAppendTime, long LogStartOffset, string? Message = null)
{
    public static AppendOutcome Failed(ErrorCode error, long logStartOffset, string? message = null) => new(error, -1, -1, logStartOffset, message);
}
