namespace Harness.Engine.Scenarios;

/// <summary>A place in a scenario file, for messages that point the user at the line to change.</summary>
/// <param name="Source">The file path (as given) or source name.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
public readonly record struct SourceLocation(string Source, int Line, int Column)
{
    /// <summary>Formats as <c>file.yaml:LINE:COLUMN</c>, the form editors and CI logs turn into links.</summary>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}
