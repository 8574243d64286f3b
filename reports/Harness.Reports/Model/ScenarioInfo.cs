using Harness.Reports.Redaction;

namespace Harness.Reports.Model;

/// <summary>The scenario a run executed, including its text as run.</summary>
public sealed record ScenarioInfo
{
    private readonly string _text = "";

    /// <summary>The scenario's name.</summary>
    public required string Name { get; init; }

    /// <summary>The scenario's free-text description; empty when it has none.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// The scenario text (YAML) as run. Secrets are redacted with <see cref="SecretRedactor"/> when the value is
    /// assigned, so no writer can leak them whatever it does with the model.
    /// </summary>
    public string Text
    {
        get => _text;
        init => _text = SecretRedactor.Redact(value);
    }
}
