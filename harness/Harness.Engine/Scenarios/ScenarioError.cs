namespace Harness.Engine.Scenarios;

/// <summary>One problem in a scenario file: where it is, what is wrong, and what would be right.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Problem">What is wrong, such as <c>unknown key 'partitons' in topics[0]</c>.</param>
/// <param name="Expected">What would be accepted, such as <c>an integer from 1 to 10000</c>.</param>
public sealed record ScenarioError(SourceLocation Location, string Problem, string Expected)
{
    /// <summary>One line: <c>file.yaml:LINE:COLUMN: problem; expected shape</c>.</summary>
    public override string ToString() => $"{Location}: {Problem}; expected {Expected}";
}
