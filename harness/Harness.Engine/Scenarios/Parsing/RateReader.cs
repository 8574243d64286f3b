using Harness.Engine.Load.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>
/// Reads <c>topics[].rate</c>: a plain number (a constant rate), a named shape
/// (<c>{shape: ramp, ...}</c>), one NBomber phase (<c>{inject: 500, during: 30s}</c>) or a list of them.
/// </summary>
internal static class RateReader
{
    public const double MaxRate = 10_000_000;

    public const string Expected =
        "a positive number of records per second, a shape such as {shape: ramp, from: 100, to: 1000, over: 30s}, "
        + "or NBomber phases such as {inject: 500, during: 30s}";

    private const string PhaseExpected =
        "one NBomber phase: {inject: 500, during: 30s}, {rampingInject: 1000, during: 30s}, {pause: 10s} or {keepConstant: 4, during: 30s}";

    private static readonly string[] PhaseKeys = ["inject", "rampingInject", "pause", "keepConstant"];

    private static readonly Choices<Shape> Shapes = new(
        ("constant", Shape.Constant),
        ("ramp", Shape.Ramp),
        ("steps", Shape.Steps),
        ("spike", Shape.Spike),
        ("burst", Shape.Spike),
        ("sine", Shape.Sine),
        ("diurnal", Shape.Sine),
        ("replay", Shape.Replay));

    private enum Shape
    {
        Constant,
        Ramp,
        Steps,
        Spike,
        Sine,
        Replay,
    }

    public static LoadModel? Read(ParseContext context, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlSequenceNode phases:
                return ReadPhases(context, phases.Children, phases, path);
            case YamlMappingNode mapping when HasKey(mapping, "shape"):
                return ReadShape(context, mapping, path) is { } shape ? new OpenLoadModel(shape) : null;
            case YamlMappingNode mapping when PhaseKeys.Any(k => HasKey(mapping, k)):
                if (HasKey(mapping, "keepConstant"))
                {
                    return ReadKeepConstant(context, mapping, path);
                }

                return ReadPhases(context, [mapping], mapping, path, single: true);
            case YamlMappingNode mapping:
                var hint = mapping.Children.Keys
                    .OfType<YamlScalarNode>()
                    .Select(k => KeySuggester.Hint(k.Value ?? string.Empty, ["shape", .. PhaseKeys]))
                    .FirstOrDefault(h => h.Length > 0);
                context.Report(node, $"{path} is a mapping without 'shape' or an NBomber phase key{hint}", Expected);
                return null;
            default:
                return context.Number(node, path, 0, MaxRate, minExclusive: true, Expected) is { } rate
                    ? new OpenLoadModel(new ConstantRate(rate))
                    : null;
        }
    }

    private static bool HasKey(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.Any(k => k is YamlScalarNode { Value: { } name } && name == key);

    private static RateShape? ReadShape(ParseContext context, YamlMappingNode mapping, string path)
    {
        var shapeNode = mapping.Children.First(e => e.Key is YamlScalarNode { Value: "shape" }).Value;
        if (context.Choice(shapeNode, $"{path}.shape", Shapes) is not { } shape)
        {
            return null;
        }

        return shape switch
        {
            Shape.Constant => ReadConstant(new MappingReader(context, mapping, path, ["shape", "rate"])),
            Shape.Ramp => ReadRamp(new MappingReader(context, mapping, path, ["shape", "from", "to", "over"])),
            Shape.Steps => ReadSteps(new MappingReader(context, mapping, path, ["shape", "steps"])),
            Shape.Spike => ReadSpike(new MappingReader(context, mapping, path, ["shape", "base", "peak", "at", "for"])),
            Shape.Sine => ReadSine(new MappingReader(context, mapping, path, ["shape", "mean", "amplitude", "period"])),
            _ => ReadReplay(new MappingReader(context, mapping, path, ["shape", "perSecond"])),
        };
    }

    private static ConstantRate? ReadConstant(MappingReader reader) =>
        reader.Number("rate", 0, MaxRate, minExclusive: true, required: true) is { } rate ? new ConstantRate(rate) : null;

    private static RampRate? ReadRamp(MappingReader reader)
    {
        var from = reader.Number("from", 0, MaxRate, required: true);
        var to = reader.Number("to", 0, MaxRate, required: true);
        var over = reader.Duration("over", positive: true, required: true);
        if (from is null || to is null || over is null)
        {
            return null;
        }

        if (from == 0 && to == 0)
        {
            reader.Context.Report(reader.Node, $"{reader.Path} ramps from 0 to 0 and sends nothing", "a positive 'from' or 'to'");
            return null;
        }

        return reader.Context.Build(reader.Node, reader.Path, Expected, () => new RampRate(from.Value, to.Value, over.Value));
    }

    private static PiecewiseRate? ReadSteps(MappingReader reader)
    {
        const string Expected = "a list of steps such as [{rate: 100, for: 10s}, {rate: 500, for: 20s}]";
        if (reader.Value("steps", required: true, Expected) is not { } node
            || reader.Context.AsSequence(node, reader.PathOf("steps"), Expected) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            reader.Context.Report(list, $"{reader.PathOf("steps")} is an empty list", Expected);
            return null;
        }

        var segments = new List<RateSegment>();
        var valid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var stepPath = $"{reader.PathOf("steps")}[{i}]";
            if (reader.Context.AsMapping(list.Children[i], stepPath, "a step such as {rate: 100, for: 10s}") is not { } stepNode)
            {
                valid = false;
                continue;
            }

            var step = new MappingReader(reader.Context, stepNode, stepPath, ["rate", "for"]);
            var rate = step.Number("rate", 0, MaxRate, required: true);
            var length = step.Duration("for", positive: true, required: true);
            if (rate is null || length is null)
            {
                valid = false;
                continue;
            }

            segments.Add(RateSegment.Constant(rate.Value, length.Value));
        }

        return valid ? Piecewise(reader.Context, list, reader.PathOf("steps"), segments) : null;
    }

    private static SpikeRate? ReadSpike(MappingReader reader)
    {
        var baseRate = reader.Number("base", 0, MaxRate, required: true);
        var peak = reader.Number("peak", 0, MaxRate, required: true);
        var at = reader.Duration("at", positive: false, required: true);
        var length = reader.Duration("for", positive: true, required: true);
        if (baseRate is null || peak is null || at is null || length is null)
        {
            return null;
        }

        return reader.Context.Build(reader.Node, reader.Path, Expected, () => new SpikeRate(baseRate.Value, peak.Value, at.Value, length.Value));
    }

    private static SineRate? ReadSine(MappingReader reader)
    {
        var mean = reader.Number("mean", 0, MaxRate, minExclusive: true, required: true);
        var amplitude = reader.Number("amplitude", 0, MaxRate, required: true);
        var period = reader.Duration("period", positive: true, required: true);
        if (mean is null || amplitude is null || period is null)
        {
            return null;
        }

        if (amplitude > mean)
        {
            reader.Context.Report(
                reader.Find("amplitude")!,
                $"{reader.PathOf("amplitude")} {ParseContext.Format(amplitude.Value)} exceeds the mean {ParseContext.Format(mean.Value)}, so the rate would go negative",
                $"an amplitude from 0 to {ParseContext.Format(mean.Value)}");
            return null;
        }

        return reader.Context.Build(reader.Node, reader.Path, Expected, () => new SineRate(mean.Value, amplitude.Value, period.Value));
    }

    private static ReplayRate? ReadReplay(MappingReader reader)
    {
        const string Expected = "a list of records per second, one per second, such as [100, 250, 400]";
        if (reader.Value("perSecond", required: true, Expected) is not { } node
            || reader.Context.AsSequence(node, reader.PathOf("perSecond"), Expected) is not { } list)
        {
            return null;
        }

        var values = new List<double>();
        var valid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (reader.Context.Number(list.Children[i], $"{reader.PathOf("perSecond")}[{i}]", 0, MaxRate) is { } value)
            {
                values.Add(value);
            }
            else
            {
                valid = false;
            }
        }

        if (valid && !values.Any(v => v > 0))
        {
            reader.Context.Report(list, $"{reader.PathOf("perSecond")} has no positive rate, so it sends nothing", Expected);
            return null;
        }

        return valid ? reader.Context.Build(list, reader.PathOf("perSecond"), Expected, () => new ReplayRate(values)) : null;
    }

    private static OpenLoadModel? ReadPhases(ParseContext context, IList<YamlNode> items, YamlNode at, string path, bool single = false)
    {
        if (items.Count == 0)
        {
            context.Report(at, $"{path} is an empty list", PhaseExpected);
            return null;
        }

        var segments = new List<RateSegment>();
        var previous = 0.0;
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var phasePath = single ? path : $"{path}[{i}]";
            if (ReadPhase(context, items[i], phasePath, previous) is { } segment)
            {
                segments.Add(segment);
                previous = segment.To;
            }
            else
            {
                valid = false;
            }
        }

        return valid && Piecewise(context, at, path, segments) is { } shape ? new OpenLoadModel(shape) : null;
    }

    private static RateSegment? ReadPhase(ParseContext context, YamlNode node, string path, double previous)
    {
        if (context.AsMapping(node, path, PhaseExpected) is not { } mapping)
        {
            return null;
        }

        var present = mapping.Children.Keys
            .Select(k => k is YamlScalarNode { Value: { } name } && PhaseKeys.Contains(name) ? (Node: k, Name: name) : default)
            .Where(k => k.Name is not null)
            .ToList();
        if (present.Count != 1)
        {
            var problem = present.Count == 0
                ? $"{path} has no phase key"
                : $"{path} has both '{present[0].Name}' and '{present[1].Name}'";
            context.Report(present.Count == 0 ? node : present[1].Node, problem, PhaseExpected);
            return null;
        }

        switch (present[0].Name)
        {
            case "pause":
                var pause = new MappingReader(context, mapping, path, ["pause"]);
                return pause.Duration("pause", positive: true, required: true) is { } length ? LoadSimulation.Pause(length) : null;
            case "keepConstant":
                context.Report(present[0].Node, $"{path} is a keepConstant phase inside a list", "open-model phases only (inject, rampingInject, pause): keepConstant is a closed model and stands alone");
                return null;
        }

        var kind = present[0].Name;
        var reader = new MappingReader(context, mapping, path, [kind, "interval", "during"]);
        var rate = reader.Number(kind, 0, MaxRate, required: true);
        var interval = reader.Find("interval") is null ? TimeSpan.FromSeconds(1) : reader.Duration("interval", positive: true);
        var during = reader.Duration("during", positive: true, required: true);
        if (rate is null || interval is null || during is null)
        {
            return null;
        }

        return kind == "inject"
            ? LoadSimulation.Inject(rate.Value, interval.Value, during.Value)
            : LoadSimulation.RampingInject(rate.Value, interval.Value, during.Value, previous);
    }

    private static ClosedLoadModel? ReadKeepConstant(ParseContext context, YamlMappingNode mapping, string path)
    {
        var reader = new MappingReader(context, mapping, path, ["keepConstant", "during"]);
        var copies = reader.Integer("keepConstant", 1, 10_000, required: true);
        var during = reader.Duration("during", positive: true);
        if (copies is null || (reader.Find("during") is not null && during is null))
        {
            return null;
        }

        return context.Build(mapping, path, Expected, () => new ClosedLoadModel((int)copies.Value, during));
    }

    private static PiecewiseRate? Piecewise(ParseContext context, YamlNode node, string path, List<RateSegment> segments)
    {
        if (segments.All(s => s.From == 0 && s.To == 0))
        {
            context.Report(node, $"{path} never has a positive rate, so it sends nothing", Expected);
            return null;
        }

        return context.Build(node, path, Expected, () => new PiecewiseRate(segments));
    }
}
