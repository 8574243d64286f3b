using System.Collections.ObjectModel;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>
/// Reads typed values out of YAML nodes and collects what is wrong with them. Every reader reports and
/// returns <see langword="null"/> rather than throwing, so one pass finds all the problems in a file.
/// </summary>
public sealed class ParseContext
{
    public const string DurationExample = "500ms, 30s, 5m or 1h (a plain number means seconds)";

    private readonly List<ScenarioError> _errors = [];

    public ParseContext(string source)
    {
        Source = source;
    }

    public string Source { get; }

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public SourceLocation Locate(YamlNode node) => Locate(node.Start);

    public SourceLocation Locate(Mark mark) => new(Source, (int)mark.Line, (int)mark.Column);

    public void Report(YamlNode node, string problem, string expected) => Report(Locate(node), problem, expected);

    public void Report(SourceLocation location, string problem, string expected) =>
        _errors.Add(new ScenarioError(location, OneLine(problem), OneLine(expected)));

    /// <summary>A null, <c>~</c> or empty plain scalar: YAML's way of leaving a value out.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>How a node looks, for "is X" messages: <c>'six'</c>, <c>a list</c>, <c>a mapping</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ when IsNull(node) => "empty",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? string.Empty)}'",
        _ => "an unsupported node",
    };

    public static string IntegerExpectation(long min, long max) =>
        max == long.MaxValue
            ? $"an integer, {min.ToString(CultureInfo.InvariantCulture)} or more"
            : $"an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";

    public static string NumberExpectation(double min, double max, bool minExclusive) =>
        (minExclusive, double.IsPositiveInfinity(max)) switch
        {
            (true, true) when min == 0 => "a positive number",
            (true, true) => $"a number above {Format(min)}",
            (false, true) => $"a number, {Format(min)} or more",
            (true, false) => $"a number above {Format(min)}, up to {Format(max)}",
            (false, false) => $"a number from {Format(min)} to {Format(max)}",
        };

    public static string DurationExpectation(bool positive) =>
        (positive ? "a positive duration such as " : "a duration such as ") + DurationExample;

    public static string ByteSizeExpectation(long min, long max) =>
        $"a size in bytes from {FormatBytes(min)} to {FormatBytes(max)}, such as 512, 1KiB or 2MB";

    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)}MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024}KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };

    public YamlMappingNode? AsMapping(YamlNode node, string path, string expected)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Report(node, $"{path} is {Describe(node)}", expected);
        return null;
    }

    public YamlSequenceNode? AsSequence(YamlNode node, string path, string expected)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Report(node, $"{path} is {Describe(node)}", expected);
        return null;
    }

    /// <summary>The text of a non-empty scalar; any scalar will do, since a number can be a name.</summary>
    public string? AsText(YamlNode node, string path, string expected)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node))
        {
            return text;
        }

        Report(node, $"{path} is {Describe(node)}", expected);
        return null;
    }

    public long? Integer(YamlNode node, string path, long min, long max, string? expected = null)
    {
        expected ??= IntegerExpectation(min, max);
        if (AsText(node, path, expected) is not { } text)
        {
            return null;
        }

        if (!ScalarFormats.TryParseInteger(text, out var value))
        {
            Report(node, $"{path} is {Describe(node)}, not an integer", expected);
            return null;
        }

        return InRange(node, path, value, min, max, expected);
    }

    public double? Number(YamlNode node, string path, double min, double max, bool minExclusive = false, string? expected = null)
    {
        expected ??= NumberExpectation(min, max, minExclusive);
        if (AsText(node, path, expected) is not { } text)
        {
            return null;
        }

        if (!ScalarFormats.TryParseNumber(text, out var value))
        {
            Report(node, $"{path} is {Describe(node)}, not a number", expected);
            return null;
        }

        if (value < min || value > max || (minExclusive && value == min))
        {
            Report(node, $"{path} is {Describe(node)}, out of range", expected);
            return null;
        }

        return value;
    }

    /// <summary>A number or a percentage, as a fraction: <c>0.3</c> and <c>30%</c> are the same.</summary>
    public double? Fraction(YamlNode node, string path, string expected)
    {
        if (AsText(node, path, expected) is not { } text)
        {
            return null;
        }

        if (!ScalarFormats.TryParsePercent(text, out var value) && !ScalarFormats.TryParseNumber(text, out value))
        {
            Report(node, $"{path} is {Describe(node)}, not a fraction", expected);
            return null;
        }

        if (value is < 0 or > 1)
        {
            Report(node, $"{path} is {Describe(node)}, out of range", expected);
            return null;
        }

        return value;
    }

    public TimeSpan? Duration(YamlNode node, string path, bool positive, string? expected = null)
    {
        expected ??= DurationExpectation(positive);
        if (AsText(node, path, expected) is not { } text)
        {
            return null;
        }

        if (!ScalarFormats.TryParseDuration(text, out var value))
        {
            Report(node, $"{path} is {Describe(node)}, not a duration", expected);
            return null;
        }

        if (positive && value <= TimeSpan.Zero)
        {
            Report(node, $"{path} is {Describe(node)}, which is not positive", expected);
            return null;
        }

        return value;
    }

    public long? ByteSize(YamlNode node, string path, long min, long max, string? expected = null)
    {
        expected ??= ByteSizeExpectation(min, max);
        if (AsText(node, path, expected) is not { } text)
        {
            return null;
        }

        if (!ScalarFormats.TryParseByteSize(text, out var value))
        {
            Report(node, $"{path} is {Describe(node)}, not a size", expected);
            return null;
        }

        return InRange(node, path, value, min, max, expected);
    }

    public bool? Boolean(YamlNode node, string path)
    {
        const string Expected = "true or false";
        if (AsText(node, path, Expected) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Report(node, $"{path} is {Describe(node)}, not a boolean", Expected);
        return null;
    }

    public T? Choice<T>(YamlNode node, string path, Choices<T> choices)
        where T : struct
    {
        if (AsText(node, path, choices.Expected) is not { } text)
        {
            return null;
        }

        if (choices.TryGet(text, out var value))
        {
            return value;
        }

        Report(node, $"{path} is {Describe(node)}{KeySuggester.Hint(text, choices.Names)}", choices.Expected);
        return null;
    }

    /// <summary>A mapping of names to scalar values, kept as strings (topic configs, MM2 properties).</summary>
    public IReadOnlyDictionary<string, string> StringMap(YamlNode node, string path, string expected)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AsMapping(node, path, expected) is not { } mapping)
        {
            return result;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                Report(keyNode, $"{path} has a key that is not a name", expected);
                continue;
            }

            var itemPath = $"{path}.{key}";
            if (valueNode is YamlScalarNode { Value: { } value } && !IsNull(valueNode))
            {
                result[key] = value;
            }
            else
            {
                Report(valueNode, $"{itemPath} is {Describe(valueNode)}", "a string, number or boolean value");
            }
        }

        return new ReadOnlyDictionary<string, string>(result);
    }

    /// <summary>
    /// Runs a model constructor and turns its argument checks into a located error, so model invariants
    /// live in one place and the loader only adds friendlier messages in front of them.
    /// </summary>
    public T? Build<T>(YamlNode node, string path, string expected, Func<T> create)
        where T : class
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            var reason = exception is ArgumentOutOfRangeException { Message: { } message }
                ? message.Split('\n')[0]
                : exception.Message;
            reason = reason.Replace($" (Parameter '{exception.ParamName}')", string.Empty, StringComparison.Ordinal).Trim();
            Report(node, $"{path} is not valid: {reason.TrimEnd('.')}", expected);
            return null;
        }
    }

    private static string Shorten(string text)
    {
        var line = OneLine(text);
        return line.Length <= 40 ? line : line[..37] + "...";
    }

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private long? InRange(YamlNode node, string path, long value, long min, long max, string expected)
    {
        if (value < min || value > max)
        {
            Report(node, $"{path} is {Describe(node)}, out of range", expected);
            return null;
        }

        return value;
    }
}
