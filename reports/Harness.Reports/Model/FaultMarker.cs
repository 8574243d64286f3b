namespace Harness.Reports.Model;

/// <summary>A labelled moment (and optionally a span) drawn over every time-series chart.</summary>
public sealed record FaultMarker
{
    /// <summary>The label drawn next to the marker line (for example "f1 broker-kill").</summary>
    public required string Label { get; init; }

    /// <summary>Where the marker starts, in seconds since the run started.</summary>
    public required double OffsetSeconds { get; init; }

    /// <summary>Where the marked span ends, in seconds since the run started; null for a single moment.</summary>
    public double? EndOffsetSeconds { get; init; }

    /// <summary>The <see cref="FaultEntry.Id"/> this marker belongs to; null for markers that are not faults.</summary>
    public string? FaultId { get; init; }

    /// <summary>Seconds from the fault's end until replication recovered (schema 1.3), drawn on the marker; null when unknown.</summary>
    public double? RecoverySeconds { get; init; }

    /// <summary>Makes the marker for a fault timeline entry.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>A marker labelled with the fault's id and kind, spanning its duration.</returns>
    public static FaultMarker From(FaultEntry fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return new FaultMarker
        {
            Label = $"{fault.Id} {fault.Kind}",
            OffsetSeconds = fault.StartSeconds,
            EndOffsetSeconds = fault.EndSeconds,
            FaultId = fault.Id,
            RecoverySeconds = fault.RecoverySeconds,
        };
    }
}
