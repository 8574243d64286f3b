using System.Text;

namespace Harness.Replicator.Configuration;

/// <summary>
/// Reads the Java .properties format MirrorMaker 2 uses (key=value, key: value or key value; # and ! comments;
/// backslash line continuations and escapes), keeping the line of each key for error messages.
/// </summary>
public static class JavaProperties
{
    /// <summary>Parses properties text into key → (value, line).</summary>
    public static IReadOnlyDictionary<string, (string Value, int Line)> Parse(string text)
    {
        var result = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            var logical = lines[i].TrimStart();
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical = logical[..^1] + lines[++i].TrimStart();
            }

            var (key, value) = Split(logical);
            result[Unescape(key)] = (Unescape(value), startLine);
        }

        return result;
    }

    private static bool EndsWithContinuation(string line)
    {
        var backslashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t')
            {
                var key = line[..i];
                var rest = line[i..].TrimStart(' ', '\t');
                if (c is ' ' or '\t' && rest.Length > 0 && rest[0] is '=' or ':')
                {
                    rest = rest[1..];
                }
                else if (c is '=' or ':')
                {
                    rest = rest[1..];
                }

                return (key, rest.TrimStart(' ', '\t'));
            }
        }

        return (line, "");
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when i + 4 < text.Length:
                    builder.Append((char)Convert.ToInt32(text.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: builder.Append(next); break;
            }
        }

        return builder.ToString();
    }
}
