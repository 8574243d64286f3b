using Harness.Engine.Runs;

namespace Harness.Engine.Security;

/// <summary>
/// A secret named in a scenario: <c>${env:NAME}</c> or <c>${file:/path}</c>, read only when the run starts, or a
/// literal (accepted for embedded clusters only). Its text form is the reference, never the value.
/// </summary>
public sealed class SecretReference
{
    private readonly string? _literal;

    private SecretReference(SecretSource source, string name, string? literal)
    {
        Source = source;
        Name = name;
        _literal = literal;
    }

    /// <summary>Where the value comes from.</summary>
    public SecretSource Source { get; }

    /// <summary>The variable's name or the file's path; empty for a literal.</summary>
    public string Name { get; }

    /// <summary>Reads <paramref name="text"/>: a reference when it has the form <c>${env:NAME}</c> or <c>${file:PATH}</c>, else a literal.</summary>
    public static SecretReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.EndsWith('}'))
        {
            var body = trimmed[2..^1];
            if (body.StartsWith("env:", StringComparison.Ordinal) && body.Length > 4)
            {
                return new SecretReference(SecretSource.Environment, body[4..], null);
            }

            if (body.StartsWith("file:", StringComparison.Ordinal) && body.Length > 5)
            {
                return new SecretReference(SecretSource.File, body[5..], null);
            }
        }

        return new SecretReference(SecretSource.Literal, "", text);
    }

    /// <summary>True when <paramref name="text"/> looks like a reference with an unknown provider, such as <c>${vault:x}</c>.</summary>
    public static bool IsUnknownReference(string text) =>
        text.Trim() is var t && t.StartsWith("${", StringComparison.Ordinal) && t.EndsWith('}') && Parse(t).Source == SecretSource.Literal;

    /// <summary>The value, read now.</summary>
    /// <param name="what">What the secret is for, for the error, such as "clusters.source.security.password".</param>
    /// <exception cref="HarnessException">The variable is unset or the file unreadable (exit 2); the message names the reference, never a value.</exception>
    public string Resolve(string what)
    {
        switch (Source)
        {
            case SecretSource.Literal:
                return _literal!;
            case SecretSource.Environment:
                return Environment.GetEnvironmentVariable(Name) is { Length: > 0 } value
                    ? value
                    : throw new HarnessException($"{what}: environment variable {Name} is not set; export it before the run", ExitCodes.BadInput);
            default:
                try
                {
                    // A trailing newline is how editors save a one-line file; it is never part of a password.
                    return File.ReadAllText(Name).TrimEnd('\r', '\n');
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new HarnessException($"{what}: cannot read {Name} ({e.GetType().Name}); check the path and its permissions", ExitCodes.BadInput);
                }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Source switch
    {
        SecretSource.Environment => $"${{env:{Name}}}",
        SecretSource.File => $"${{file:{Name}}}",
        _ => "(a literal secret)",
    };
}
