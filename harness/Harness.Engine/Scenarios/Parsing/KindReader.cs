namespace Harness.Engine.Scenarios.Parsing;

/// <summary>
/// Reads <c>kind</c> against the registered kinds, and refuses keys that belong to other kinds with the kind that
/// reads them, so "bootstrap under kind embedded" says which kind wants it rather than "unknown key".
/// </summary>
internal static class KindReader
{
    /// <summary>The chosen kind's name as registered, the default when <c>kind</c> is absent, or null after reporting.</summary>
    public static string? Read(MappingReader reader, IReadOnlyList<string> kinds)
    {
        var expected = "one of " + string.Join(", ", kinds);
        if (reader.Find("kind") is not { } node)
        {
            if (reader.Contains("kind"))
            {
                reader.Context.Report(reader.KeyNode("kind")!, $"{reader.PathOf("kind")} is empty", expected);
                return null;
            }

            return kinds[0];
        }

        if (reader.Context.AsText(node, reader.PathOf("kind"), expected) is not { } text)
        {
            return null;
        }

        if (kinds.FirstOrDefault(k => string.Equals(k, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } kind)
        {
            return kind;
        }

        var guess = KeySuggester.Closest(text.Trim(), kinds);
        reader.Context.Report(node, $"{reader.PathOf("kind")} is '{text}'{(guess is null ? string.Empty : $" (did you mean '{guess}'?)")}", expected);
        return null;
    }

    /// <summary>Reports every present key that only other kinds read; true when there was none.</summary>
    public static bool RejectOtherKinds(MappingReader reader, string kind, IReadOnlyList<(string Kind, IReadOnlyList<string> Keys)> all)
    {
        var own = all.First(k => k.Kind == kind).Keys;
        var clean = true;
        foreach (var key in all.SelectMany(k => k.Keys).Distinct(StringComparer.Ordinal).Where(k => reader.Contains(k) && !own.Contains(k, StringComparer.Ordinal)))
        {
            var owners = all.Where(k => k.Keys.Contains(key, StringComparer.Ordinal)).Select(k => k.Kind).ToList();
            reader.Context.Report(reader.KeyNode(key)!, $"{reader.PathOf(key)} applies only to kind {string.Join(" or ", owners)}, not {kind}", $"kind: {owners[0]} with {key}, or remove {key}");
            clean = false;
        }

        return clean;
    }
}
