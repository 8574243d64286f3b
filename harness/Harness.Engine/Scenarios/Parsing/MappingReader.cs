using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>
/// One YAML mapping with a fixed set of known keys. Unknown keys are reported (with the closest known
/// key) as soon as the reader is made; typed accessors report missing, empty and malformed values.
/// </summary>
public sealed class MappingReader
{
    private readonly Dictionary<string, KeyValuePair<YamlNode, YamlNode>> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _misspelt = new(StringComparer.Ordinal);

    public MappingReader(ParseContext context, YamlMappingNode node, string path, IReadOnlyList<string> known, string? knownExpected = null)
    {
        Context = context;
        Node = node;
        Path = path;
        var expected = knownExpected ?? "one of " + string.Join(", ", known);
        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                context.Report(entry.Key, $"{Where} has a key that is not a plain name", expected);
                continue;
            }

            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var guess = KeySuggester.Closest(name, known);
                if (guess is not null)
                {
                    _misspelt.Add(guess);
                }

                context.Report(entry.Key, $"unknown key '{name}' in {Where}{(guess is null ? string.Empty : $" (did you mean '{guess}'?)")}", expected);
                continue;
            }

            _entries[name] = entry;
        }
    }

    public ParseContext Context { get; }

    public YamlMappingNode Node { get; }

    /// <summary>The mapping's path, such as <c>topics[0]</c>; empty for the top level.</summary>
    public string Path { get; }

    /// <summary>The mapping's name in messages.</summary>
    public string Where => Path.Length == 0 ? "the scenario" : Path;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the key is present, even with an empty value.</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>
    /// Whether an unknown key was reported as a likely misspelling of <paramref name="key"/>; a second
    /// "missing" error for the same slip would only add noise.
    /// </summary>
    public bool WasMisspelt(string key) => _misspelt.Contains(key);

    /// <summary>The key's node, for errors that concern the key itself.</summary>
    public YamlNode? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

    /// <summary>The value, or <see langword="null"/> when the key is absent or its value empty.</summary>
    public YamlNode? Find(string key) =>
        _entries.TryGetValue(key, out var entry) && !ParseContext.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>The value; reports a missing key or an empty value when <paramref name="required"/>.</summary>
    public YamlNode? Value(string key, bool required, string expected)
    {
        var value = Find(key);
        if (value is null && required)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                Context.Report(entry.Value, $"{PathOf(key)} is empty", expected);
            }
            else if (!WasMisspelt(key))
            {
                Context.Report(Node, $"missing required key '{key}' in {Where}", expected);
            }
        }

        return value;
    }

    public string? Text(string key, bool required = false, string expected = "a string") =>
        Value(key, required, expected) is { } node ? Context.AsText(node, PathOf(key), expected) : null;

    public long? Integer(string key, long min, long max, bool required = false)
    {
        var expected = ParseContext.IntegerExpectation(min, max);
        return Value(key, required, expected) is { } node ? Context.Integer(node, PathOf(key), min, max, expected) : null;
    }

    public double? Number(string key, double min, double max, bool minExclusive = false, bool required = false)
    {
        var expected = ParseContext.NumberExpectation(min, max, minExclusive);
        return Value(key, required, expected) is { } node ? Context.Number(node, PathOf(key), min, max, minExclusive, expected) : null;
    }

    public TimeSpan? Duration(string key, bool positive, bool required = false)
    {
        var expected = ParseContext.DurationExpectation(positive);
        return Value(key, required, expected) is { } node ? Context.Duration(node, PathOf(key), positive, expected) : null;
    }

    public long? ByteSize(string key, long min, long max, bool required = false)
    {
        var expected = ParseContext.ByteSizeExpectation(min, max);
        return Value(key, required, expected) is { } node ? Context.ByteSize(node, PathOf(key), min, max, expected) : null;
    }

    public bool? Boolean(string key) =>
        Find(key) is { } node ? Context.Boolean(node, PathOf(key)) : null;

    public T? Choice<T>(string key, Choices<T> choices, bool required = false)
        where T : struct =>
        Value(key, required, choices.Expected) is { } node ? Context.Choice(node, PathOf(key), choices) : null;

    public IReadOnlyDictionary<string, string> StringMap(string key, string expected) =>
        Find(key) is { } node ? Context.StringMap(node, PathOf(key), expected) : new Dictionary<string, string>();

    /// <summary>The value as a mapping reader, or <see langword="null"/> when absent or not a mapping.</summary>
    public MappingReader? Mapping(string key, IReadOnlyList<string> known, string expected, bool required = false)
    {
        if (Value(key, required, expected) is not { } node)
        {
            return null;
        }

        return Context.AsMapping(node, PathOf(key), expected) is { } mapping
            ? new MappingReader(Context, mapping, PathOf(key), known)
            : null;
    }
}
