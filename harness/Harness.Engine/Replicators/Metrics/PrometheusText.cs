using System.Globalization;
using System.Text;

namespace Harness.Engine.Replicators.Metrics;

/// <summary>
/// Reads the Prometheus text exposition format (0.0.4) as exporters serve it. A line that does not parse is skipped,
/// not fatal: one odd series from a JMX exporter rule must not cost the harness every other figure.
/// </summary>
public static class PrometheusText
{
    /// <summary>The samples of <paramref name="text"/>, in order; comments, blank and malformed lines are left out.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#' && TryParseLine(line) is { } sample)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private static PrometheusSample? TryParseLine(string line)
    {
        var position = 0;
        while (position < line.Length && IsNameChar(line[position], position == 0))
        {
            position++;
        }

        if (position == 0)
        {
            return null;
        }

        var name = line[..position];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position = ReadLabels(line, position + 1, labels);
            if (position < 0)
            {
                return null;
            }
        }

        // The value, then an optional timestamp the harness has no use for.
        var rest = line[position..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2 || (position < line.Length && line[position] is not (' ' or '\t')))
        {
            return null;
        }

        return TryParseValue(rest[0]) is { } value ? new PrometheusSample(name, labels, value) : null;
    }

    /// <summary>Reads <c>name="value",…}</c> from <paramref name="position"/>; the position after the brace, or -1.</summary>
    private static int ReadLabels(string line, int position, Dictionary<string, string> labels)
    {
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or ',')
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var start = position;
            while (position < line.Length && IsNameChar(line[position], position == start))
            {
                position++;
            }

            if (position == start || position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
            {
                return -1;
            }

            var key = line[start..position];
            position += 2;
            var value = new StringBuilder();
            while (true)
            {
                if (position >= line.Length)
                {
                    return -1;
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && position < line.Length)
                {
                    var escaped = line[position++];
                    value.Append(escaped == 'n' ? '\n' : escaped);
                }
                else
                {
                    value.Append(c);
                }
            }

            labels[key] = value.ToString();
        }
    }

    private static double? TryParseValue(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
    };

    private static bool IsNameChar(char c, bool first) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (!first && c is >= '0' and <= '9');
}
