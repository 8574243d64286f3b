using System.Globalization;
using Harness.Engine.Load.Model;

namespace Harness.Engine.Scenarios;

/// <summary>
/// <c>harness run --duration</c>: makes a scenario's load last a given time by stretching everything that is timed
/// against the load by one factor (the new length over the longest topic's load): topic durations and record counts,
/// the rate shapes' own times (ramps, steps, spikes, sine periods, replays, NBomber phases), fault times, lengths and
/// record triggers, a heap-pressure fault's growth (<c>over</c>) and the cut-over's <c>after</c> times. What bounds a
/// reaction rather than a schedule (drain and recovery deadlines, cut-over step deadlines, latency bounds, replicator
/// settings, topic configs) is left alone.
/// </summary>
/// <param name="From">How long the scenario's load lasted as written.</param>
/// <param name="To">How long it lasts stretched.</param>
public sealed record DurationStretch(TimeSpan From, TimeSpan To)
{
    /// <summary>The shortest <c>--duration</c> accepted.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>--duration</c> accepted.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    // A stretched fault shorter than this is over before clients notice it (librdkafka backs off ~100 ms, metadata
    // refreshes take longer), so faults written longer than a second never shrink below it.
    private static readonly TimeSpan ShortestFault = TimeSpan.FromSeconds(1);

    /// <summary>The factor every scheduled time is multiplied by.</summary>
    public double Factor => To / From;

    /// <summary>
    /// How long <paramref name="scenario"/>'s load lasts as written: its longest topic's, from the topic's
    /// <c>duration</c>, its rate's own length or when its last record falls due; null when no topic's load has a length
    /// (only closed models ended by a record count).
    /// </summary>
    public static TimeSpan? LengthOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        TimeSpan? longest = null;
        foreach (var topic in scenario.Topics)
        {
            if (LengthOf(topic) is { } length && (longest is null || length > longest))
            {
                longest = length;
            }
        }

        return longest;
    }

    /// <summary>The stretch that makes <paramref name="scenario"/>'s load last <paramref name="length"/>, or null when it has no length to stretch.</summary>
    public static DurationStretch? For(Scenario scenario, TimeSpan length) =>
        LengthOf(scenario) is { } from && from > TimeSpan.Zero ? new DurationStretch(from, length) : null;

    /// <summary>
    /// The sample interval for a run of <paramref name="length"/>: 1 s up to half an hour, then longer so a run keeps
    /// about 1,800 samples (a two-hour soak samples every 4 s).
    /// </summary>
    public static TimeSpan SampleIntervalFor(TimeSpan length) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(length.TotalSeconds / 1800)));

    /// <summary>Parses a <c>--duration</c> value; null when it is not a duration from <see cref="Shortest"/> to <see cref="Longest"/>.</summary>
    public static TimeSpan? ParseLength(string? text) =>
        ScalarFormats.TryParseDuration(text, out var length) && length >= Shortest && length <= Longest ? length : null;

    /// <summary>The scenario stretched.</summary>
    public Scenario Apply(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with
        {
            Topics = [.. scenario.Topics.Select(Apply)],
            Faults = [.. scenario.Faults.Select(Apply)],
            Cutover = [.. scenario.Cutover.Select(s => s.Trigger.After is { } after ? s with { Trigger = s.Trigger with { After = Scale(after) } } : s)],
            Stretch = this,
        };
    }

    /// <summary>A comment line for the scenario text as run, saying what was stretched.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"stretched by --duration {ScalarFormats.FormatDuration(To)}: load, fault and cut-over times x{Factor:0.####} (the load lasted {ScalarFormats.FormatDuration(From)} as written)");

    private static TimeSpan? LengthOf(TopicSpec topic)
    {
        if (topic.Duration is { } duration)
        {
            return duration;
        }

        if (topic.Rate.NaturalDuration is { } natural && topic.Records is null)
        {
            return natural;
        }

        // A record count ends an open model when its last record falls due; a closed model's end depends on the cluster.
        return topic.CreateSchedule()?.End;
    }

    private TopicSpec Apply(TopicSpec topic) => topic with
    {
        Rate = Apply(topic.Rate),
        Duration = topic.Duration is { } duration ? Scale(duration) : null,
        Records = topic.Records is { } records ? Math.Max(1, (long)Math.Round(records * Factor)) : null,
    };

    private LoadModel Apply(LoadModel model) => model switch
    {
        OpenLoadModel open => new OpenLoadModel(Apply(open.Shape)),
        ClosedLoadModel closed => new ClosedLoadModel(closed.Copies, closed.During is { } during ? Scale(during) : null),
        _ => model,
    };

    private RateShape Apply(RateShape shape) => shape switch
    {
        RampRate ramp => new RampRate(ramp.From, ramp.To, Scale(ramp.Over)),
        PiecewiseRate steps => new PiecewiseRate(steps.Segments.Select(s => new RateSegment(s.From, s.To, Scale(s.Length)))),
        SpikeRate spike => new SpikeRate(spike.Base, spike.Peak, Scale(spike.At), Scale(spike.Duration)),
        SineRate sine => new SineRate(sine.Mean, sine.Amplitude, Scale(sine.Period)),
        ReplayRate replay => Resample(replay),
        _ => shape,
    };

    /// <summary>A replay is one value per second: second i of the stretched series plays second floor(i / factor) of the recording.</summary>
    private ReplayRate Resample(ReplayRate replay)
    {
        var seconds = Math.Max(1, (int)Math.Round(replay.PerSecond.Count * Factor));
        return new ReplayRate(Enumerable.Range(0, seconds).Select(i => replay.PerSecond[Math.Min(replay.PerSecond.Count - 1, (int)(i / Factor))]));
    }

    private FaultSpec Apply(FaultSpec fault)
    {
        var at = fault.At switch
        {
            { AfterStep: { } step, Time: { } delay } => FaultTrigger.AfterCutoverStep(step, delay == TimeSpan.Zero ? delay : Scale(delay)),
            { Time: { } time } => FaultTrigger.AtTime(Scale(time)),
            _ => FaultTrigger.AfterRecordCount((long)Math.Round(fault.At.AfterRecords!.Value * Factor)),
        };
        var parameters = new Dictionary<string, string>(fault.Parameters, StringComparer.Ordinal);
        if (fault.Action == FaultAction.HeapPressure && parameters.TryGetValue("over", out var over) && ScalarFormats.TryParseDuration(over, out var growth))
        {
            parameters["over"] = ScalarFormats.FormatDuration(ScaleFault(growth));
        }

        return fault with { At = at, Duration = fault.Duration is { } length ? ScaleFault(length) : null, Parameters = parameters };
    }

    private TimeSpan Scale(TimeSpan value) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(value.TotalMilliseconds * Factor)));

    private TimeSpan ScaleFault(TimeSpan value)
    {
        var scaled = Scale(value);
        return scaled < ShortestFault && value >= ShortestFault ? ShortestFault : scaled;
    }
}
