using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>expect</c>.</summary>
internal static class ExpectReader
{
    private const string Expected = "a mapping such as {lost: 0, reordered: 0, duplicates: {max: 0.1%}}";

    private const string ToleranceExpected = "a count such as 0 or 100, a percentage such as 0.1%, or {max: 100} / {max: 0.1%}";

    public static ExpectSpec? Read(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, Expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["lost", "reordered", "duplicates", "corrupted", "offsetTranslation", "drainWithin"]);
        var valid = true;
        var lost = ReadTolerance(reader, "lost", ref valid);
        var reordered = ReadTolerance(reader, "reordered", ref valid);
        var duplicates = ReadTolerance(reader, "duplicates", ref valid);
        var corrupted = ReadTolerance(reader, "corrupted", ref valid);
        var translation = reader.Find("offsetTranslation") is { } t
            ? ReadOffsetTranslation(context, t, reader.PathOf("offsetTranslation"))
            : OffsetTranslationExpectation.Default;
        var drain = reader.Duration("drainWithin", positive: true);
        valid &= translation is not null && (reader.Find("drainWithin") is null || drain is not null);

        return valid
            ? new ExpectSpec
            {
                Lost = lost,
                Reordered = reordered,
                Duplicates = duplicates,
                Corrupted = corrupted,
                OffsetTranslation = translation!,
                DrainWithin = drain ?? ExpectSpec.DefaultDrainWithin,
            }
            : null;
    }

    private static Tolerance ReadTolerance(MappingReader reader, string key, ref bool valid)
    {
        if (reader.Find(key) is not { } node)
        {
            return Tolerance.Zero;
        }

        var path = reader.PathOf(key);
        if (node is YamlMappingNode mapping)
        {
            var inner = new MappingReader(reader.Context, mapping, path, ["max"]);
            if (inner.Value("max", required: true, ToleranceExpected) is not { } max)
            {
                valid = false;
                return Tolerance.Zero;
            }

            node = max;
            path = inner.PathOf("max");
        }

        if (reader.Context.AsText(node, path, ToleranceExpected) is { } text)
        {
            if (ScalarFormats.TryParsePercent(text, out var fraction) && fraction <= 1)
            {
                return Tolerance.Fraction(fraction);
            }

            if (ScalarFormats.TryParseInteger(text, out var count) && count >= 0)
            {
                return Tolerance.Count(count);
            }

            reader.Context.Report(node, $"{path} is {ParseContext.Describe(node)}", ToleranceExpected);
        }

        valid = false;
        return Tolerance.Zero;
    }

    private static OffsetTranslationExpectation? ReadOffsetTranslation(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, "a mapping such as {ahead: 0, maxRedelivery: 100}") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["ahead", "maxRedelivery"]);
        var ahead = reader.Integer("ahead", 0, long.MaxValue);
        var redelivery = reader.Integer("maxRedelivery", 0, long.MaxValue);
        if ((reader.Find("ahead") is not null && ahead is null) || (reader.Find("maxRedelivery") is not null && redelivery is null))
        {
            return null;
        }

        return new OffsetTranslationExpectation
        {
            Ahead = ahead ?? 0,
            MaxRedelivery = redelivery ?? OffsetTranslationExpectation.DefaultMaxRedelivery,
        };
    }
}
