using System.Globalization;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Chaos;

/// <summary>Typed access to a fault's parameters, collecting one-line errors that name the key and the fix.</summary>
internal sealed class FaultParameters(FaultSpec spec, int index, List<ScenarioError> errors)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Path => $"faults[{index}].{Name}";

    public string Name => char.ToLowerInvariant(spec.Action.ToString()[0]) + spec.Action.ToString()[1..];

    public string? Text(string key)
    {
        _used.Add(key);
        return spec.Parameters.TryGetValue(key, out var value) ? value : null;
    }

    public string Side()
    {
        var side = Text("side") ?? "source";
        if (side is not ("source" or "target"))
        {
            Error($"side '{side}' is not a cluster", "side: source or side: target");
        }

        return side;
    }

    public int Int(string key, int fallback, int min = int.MinValue)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            Error($"{key} '{text}' is not a whole number{(min > int.MinValue ? $" of at least {min}" : "")}", $"{key}: a number");
            return fallback;
        }

        return value;
    }

    public double Fraction(string key, double fallback, double max = 1)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        if (ScalarFormats.TryParsePercent(text, out var percent) && percent > 0 && percent <= max)
        {
            return percent;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max)
        {
            return value;
        }

        Error($"{key} '{text}' is not a fraction up to {max}", $"{key}: a number in (0, {max}] or a percentage such as 80%");
        return fallback;
    }

    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        if (ScalarFormats.TryParseDuration(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        Error($"{key} '{text}' is not a duration", $"{key}: a duration such as 500ms, 10s or 1m");
        return fallback;
    }

    public bool Flag(string key)
    {
        var text = Text(key);
        if (text is null or "false")
        {
            return false;
        }

        if (text != "true")
        {
            Error($"{key} '{text}' is not true or false", $"{key}: true or false");
        }

        return true;
    }

    public void Error(string problem, string expected) =>
        errors.Add(new ScenarioError(spec.Location ?? new SourceLocation("scenario", 0, 0), $"{Path}: {problem}", expected));

    /// <summary>Reports parameters the action does not take.</summary>
    public void RejectUnused()
    {
        foreach (var key in spec.Parameters.Keys.Where(k => !_used.Contains(k)))
        {
            Error($"unknown parameter '{key}'", $"one of {string.Join(", ", _used.Order(StringComparer.Ordinal))}");
        }
    }
}
