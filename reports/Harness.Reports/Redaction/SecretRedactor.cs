using System.Text.RegularExpressions;

namespace Harness.Reports.Redaction;

/// <summary>
/// Masks secret values in YAML or Java properties text (scenario files, client configs) before it is shown in a
/// report. A value is secret when its key contains password, secret, token, sasl.jaas.config or ssl.key (case
/// insensitive; '.', '_' or '-' between the words). Redaction is line based and deliberately errs towards
/// masking too much: a report is shared widely, a masked harmless value costs nothing.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What replaces a secret value.</summary>
    public const string Mask = "******";

    private const string SecretWords = @"password|secret|token|sasl[._-]?jaas[._-]?config|ssl[._-]?key";

    [GeneratedRegex(SecretWords, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    // "key: value" or "key=value" at the start of a line, possibly as a YAML list item. A key does not start
    // with a comment marker or a flow collection bracket; those lines are left to InlinePair.
    [GeneratedRegex(@"^(?<lead>[ \t]*(?:-[ \t]+)?)(?<key>""[^""]*""|'[^']*'|[^\s#!:=""'{\[][^:=]*?)(?<sep>[ \t]*[:=][ \t]*)(?<value>.*)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueLine();

    // key=value or key: value anywhere in a line: YAML flow maps, JAAS options (password="x";), query strings,
    // comments.
    [GeneratedRegex(@"(?<q>[""']?)(?<key>[\w.\-]*(?:" + SecretWords + @")[\w.\-]*)\k<q>(?<sep>[ \t]*[:=][ \t]*)(?<value>""[^""]*""|'[^']*'|[^\s,;}\]&]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlinePair();

    // A YAML block scalar header: | or > with optional chomping/indentation indicators and comment.
    [GeneratedRegex(@"^[|>][+\-0-9]*[ \t]*(#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockScalarHeader();

    /// <summary>Whether a key names a secret.</summary>
    /// <param name="key">The key, for example "sasl.jaas.config" or "ssl.key.password".</param>
    /// <returns>True when values of this key are masked.</returns>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SecretKey().IsMatch(key);
    }

    /// <summary>Masks every secret value in YAML or properties text. Idempotent; line endings are kept.</summary>
    /// <param name="text">The text; null is treated as empty.</param>
    /// <returns>The text with secret values replaced by <see cref="Mask"/>.</returns>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var (content, ending) = SplitEnding(lines[i]);
            var last = i;
            var redacted = RedactKeyValueLine(lines, i, content, ref last) ?? RedactInline(content);
            kept.Add(redacted + ending);

            // Lines that continue a masked value are dropped: the one mask on the key line stands for all of them.
            i = last;
        }

        return string.Join('\n', kept);
    }

    private static string? RedactKeyValueLine(string[] lines, int index, string content, ref int skipUntil)
    {
        var match = KeyValueLine().Match(content);
        if (!match.Success || !IsSecretKey(match.Groups["key"].Value.Trim('"', '\'')))
        {
            return null;
        }

        var separator = match.Groups["sep"].Value;

        // YAML needs a space after the colon; "key=******" and "key = ******" keep their own spacing.
        var space = separator.EndsWith(':') ? " " : "";
        var masked = match.Groups["lead"].Value + match.Groups["key"].Value + separator + space + Mask;
        var value = match.Groups["value"].Value.Trim();
        var keyColumn = match.Groups["key"].Index;

        if (value.EndsWith('\\'))
        {
            // A properties value continued on the next lines.
            skipUntil = index;
            while (skipUntil + 1 < lines.Length && SplitEnding(lines[skipUntil]).Content.TrimEnd().EndsWith('\\'))
            {
                skipUntil++;
            }

            return masked;
        }

        var opensBlock = value.Length == 0 || BlockScalarHeader().IsMatch(value) || IsUnclosedQuote(value);
        if (!opensBlock)
        {
            return masked;
        }

        // A nested mapping, block scalar or multi-line quoted scalar: everything indented deeper than the key.
        skipUntil = LastLineOfIndentedBlock(lines, index, keyColumn);
        return skipUntil > index || value.Length > 0 ? masked : content;
    }

    private static int LastLineOfIndentedBlock(string[] lines, int index, int keyColumn)
    {
        var last = index;
        for (var j = index + 1; j < lines.Length; j++)
        {
            var line = SplitEnding(lines[j]).Content;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (Indentation(line) <= keyColumn)
            {
                break;
            }

            last = j;
        }

        return last;
    }

    private static string RedactInline(string content) =>
        InlinePair().Replace(content, m => m.Groups["q"].Value + m.Groups["key"].Value + m.Groups["q"].Value + m.Groups["sep"].Value + Mask);

    private static bool IsUnclosedQuote(string value) =>
        (value[0] == '"' || value[0] == '\'') && (value.Length == 1 || value.IndexOf(value[0], 1) < 0);

    private static int Indentation(string line)
    {
        var count = 0;
        while (count < line.Length && (line[count] == ' ' || line[count] == '\t'))
        {
            count++;
        }

        return count;
    }

    private static (string Content, string Ending) SplitEnding(string line) =>
        line.EndsWith('\r') ? (line[..^1], "\r") : (line, "");
}
