namespace Harness.Engine.Scenarios.Parsing;

/// <summary>The names an enumerated scenario value may take, in the order messages list them.</summary>
public sealed class Choices<T>
    where T : struct
{
    private readonly (string Name, T Value)[] _entries;

    public Choices(params (string Name, T Value)[] entries)
    {
        _entries = entries;
    }

    /// <summary>The distinct names, for "one of" messages and suggestions.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Select(e => e.Name).Distinct()];

    /// <summary>The expectation text: <c>one of a, b, c</c>.</summary>
    public string Expected => "one of " + string.Join(", ", Names);

    /// <summary>Looks a name up, ignoring case since <c>Identity</c> cannot mean anything else.</summary>
    public bool TryGet(string name, out T value)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
