namespace Harness.Engine.Load.Model;

/// <summary>
/// An open-model schedule: how many records should have been sent by each moment. A producer loop sends
/// <c>Due(elapsed) - sent</c> and sleeps until <see cref="WhenDue"/>(sent + 1); because
/// <see cref="Due"/> is a pure function of elapsed time, late wake-ups catch up and nothing drifts.
/// </summary>
/// <remarks>
/// The load ends at a record count, at a duration, or at the shape's natural duration when neither is
/// given; with both, whichever comes first. <see cref="ForShare"/> splits one schedule between several
/// producers by record ordinal (producer <c>i</c> of <c>n</c> sends ordinals <c>i, i + n, ...</c>), so the
/// shares always add up to the whole.
/// </remarks>
public sealed class InjectionSchedule
{
    private static readonly TimeSpan SearchLimit = TimeSpan.FromDays(3650);

    private readonly long _globalTotal;

    /// <summary>Creates a schedule for a whole topic.</summary>
    /// <param name="shape">The arrival rate over time.</param>
    /// <param name="records">Stop after this many records; positive.</param>
    /// <param name="duration">Stop sending at this time; positive.</param>
    /// <exception cref="ArgumentException">No end is given and the shape has none, or the shape never reaches <paramref name="records"/>.</exception>
    public InjectionSchedule(RateShape shape, long? records = null, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (records is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(records));
        }

        if (duration is { } length)
        {
            RateShape.CheckPositive(length, nameof(duration));
        }

        Shape = shape;
        Records = records;
        Duration = duration ?? (records is null ? shape.NaturalDuration : null);
        if (Records is null && Duration is null)
        {
            throw new ArgumentException($"The rate shape '{shape}' goes on for ever: give a record count or a duration.", nameof(shape));
        }

        var byDuration = Duration is { } end ? Math.Max(0, RateShape.FloorCount(shape.CumulativeAt(end))) : long.MaxValue;
        _globalTotal = Math.Min(Records ?? long.MaxValue, byDuration);
        var last = GlobalWhenDue(_globalTotal)
            ?? throw new ArgumentException($"The rate shape '{shape}' never delivers {_globalTotal} records.", nameof(records));
        End = last;
        ShareCount = 1;
    }

    private InjectionSchedule(InjectionSchedule whole, int index, int count)
    {
        Shape = whole.Shape;
        Records = whole.Records;
        Duration = whole.Duration;
        End = whole.End;
        _globalTotal = whole._globalTotal;
        ShareIndex = index;
        ShareCount = count;
    }

    /// <summary>The arrival rate over time.</summary>
    public RateShape Shape { get; }

    /// <summary>The record count that ends the load, if one was given.</summary>
    public long? Records { get; }

    /// <summary>The time that ends the load: the one given, else the shape's natural duration when no count was given.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>When the whole schedule's last record falls due.</summary>
    public TimeSpan End { get; }

    /// <summary>Which share of the whole this is, from zero.</summary>
    public int ShareIndex { get; }

    /// <summary>How many shares the whole is split into; one for the whole schedule.</summary>
    public int ShareCount { get; }

    /// <summary>Records this schedule (or share) sends in all.</summary>
    public long Total => ShareOf(_globalTotal);

    /// <summary>Records that should have been sent by <paramref name="elapsed"/>; never decreases, never exceeds <see cref="Total"/>.</summary>
    /// <param name="elapsed">Time since the load started.</param>
    public long Due(TimeSpan elapsed) => ShareOf(GlobalDue(elapsed));

    /// <summary>
    /// The earliest time at which <see cref="Due"/> reaches <paramref name="count"/>, or
    /// <see langword="null"/> when it never does (<paramref name="count"/> exceeds <see cref="Total"/>).
    /// </summary>
    /// <param name="count">A record count; zero or less is due at once.</param>
    public TimeSpan? WhenDue(long count)
    {
        if (count <= 0)
        {
            return TimeSpan.Zero;
        }

        if (count > Total)
        {
            return null;
        }

        return GlobalWhenDue(GlobalOrdinal(count - 1) + 1);
    }

    /// <summary>Whether <paramref name="sent"/> records complete this schedule (or share).</summary>
    /// <param name="sent">Records sent so far.</param>
    public bool IsComplete(long sent) => sent >= Total;

    /// <summary>
    /// Maps the <paramref name="shareOrdinal"/>-th record of this share (from zero) to its ordinal in the
    /// whole topic, which names the record for key and size sampling.
    /// </summary>
    /// <param name="shareOrdinal">Position within this share.</param>
    public long GlobalOrdinal(long shareOrdinal) => ShareIndex + (shareOrdinal * ShareCount);

    /// <summary>Splits the whole schedule: share <paramref name="index"/> of <paramref name="count"/> producers.</summary>
    /// <param name="index">The producer, from zero.</param>
    /// <param name="count">How many producers share the load; positive.</param>
    /// <exception cref="InvalidOperationException">This schedule is already a share.</exception>
    public InjectionSchedule ForShare(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        if (ShareCount != 1)
        {
            throw new InvalidOperationException("Only a whole schedule can be split into shares.");
        }

        return new InjectionSchedule(this, index, count);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Shape}, {Total} records by {RateShape.Format(End)}" + (ShareCount > 1 ? $" (share {ShareIndex + 1} of {ShareCount})" : string.Empty);

    private long ShareOf(long globalCount) =>
        globalCount <= ShareIndex ? 0 : ((globalCount - ShareIndex - 1) / ShareCount) + 1;

    private long GlobalDue(TimeSpan elapsed)
    {
        var capped = Duration is { } end && elapsed > end ? end : elapsed;
        var due = RateShape.FloorCount(Shape.CumulativeAt(capped));
        return Math.Clamp(due, 0, _globalTotal);
    }

    private TimeSpan? GlobalWhenDue(long count)
    {
        if (count <= 0)
        {
            return TimeSpan.Zero;
        }

        bool Reached(long ticks) => RateShape.FloorCount(Shape.CumulativeAt(TimeSpan.FromTicks(ticks))) >= count;

        long high;
        if (Duration is { } end)
        {
            high = end.Ticks;
            if (!Reached(high))
            {
                return null;
            }
        }
        else
        {
            high = TimeSpan.TicksPerSecond;
            while (!Reached(high))
            {
                if (high > SearchLimit.Ticks)
                {
                    return null;
                }

                high *= 2;
            }
        }

        // The cumulative count never decreases, so bisection finds the first tick that reaches it.
        long low = 0;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Reached(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return TimeSpan.FromTicks(low);
    }
}
