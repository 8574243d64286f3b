using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine;

/// <summary>
/// Loads scenario files. Parsing goes through YamlDotNet's representation model so every value keeps its
/// line and column; validation collects every problem before giving up, and the
/// <see cref="ScenarioException"/> lists them all in file order.
/// </summary>
public static class ScenarioLoader
{
    private const string RootExpected = "a mapping with name, topics and the other scenario keys";

    private const string SyntaxExpected = "well-formed YAML (check brackets, quotes and indentation)";

    /// <summary>Loads and validates a scenario file.</summary>
    /// <param name="path">The file; messages name it exactly as given here.</param>
    /// <param name="registry">The cluster and replicator kinds it may name; <see cref="HarnessRegistry.Default"/> when null.</param>
    /// <exception cref="ScenarioException">The file cannot be read or is not a valid scenario.</exception>
    public static Scenario LoadFile(string path, HarnessRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException(
            [
                new ScenarioError(new SourceLocation(path, 0, 0), $"cannot read the scenario file ({exception.Message.TrimEnd('.')})", "a readable YAML file"),
            ]);
        }

        return Parse(text, path, registry);
    }

    /// <summary>Parses and validates scenario text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The name messages use for the text, such as the file it came from.</param>
    /// <param name="registry">The cluster and replicator kinds it may name; <see cref="HarnessRegistry.Default"/> when null.</param>
    /// <exception cref="ScenarioException">The text is not a valid scenario.</exception>
    public static Scenario Parse(string yaml, string sourceName = "scenario.yaml", HarnessRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        var context = new ParseContext(sourceName);
        var scenario = LoadRoot(context, yaml) is { } root ? ScenarioReader.Read(context, root, (registry ?? HarnessRegistry.Default).Sections) : null;
        if (context.Errors.Count > 0)
        {
            throw new ScenarioException(
            [
                .. context.Errors
                    .Select((error, index) => (error, index))
                    .OrderBy(e => e.error.Location.Line)
                    .ThenBy(e => e.error.Location.Column)
                    .ThenBy(e => e.index)
                    .Select(e => e.error)
                    .Distinct(),
            ]);
        }

        return scenario is null
            ? throw new InvalidOperationException("The scenario reader returned nothing without reporting a problem.")
            : scenario with { Source = sourceName };
    }

    private static YamlMappingNode? LoadRoot(ParseContext context, string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            var message = exception.Message.TrimEnd('.');
            if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
            {
                context.Report(context.Locate(exception.Start), $"duplicate key '{message["Duplicate key ".Length..]}'", "each key once per mapping");
            }
            else
            {
                context.Report(context.Locate(exception.Start), $"invalid YAML: {message}", SyntaxExpected);
            }

            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail without a position; the parser's last event is the nearest place.
            var mark = parser.Current?.Start ?? Mark.Empty;
            context.Report(context.Locate(mark), "invalid YAML near here", SyntaxExpected);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            context.Report(new SourceLocation(context.Source, 1, 1), "the scenario is empty", RootExpected);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            context.Report(stream.Documents[1].RootNode, "the file holds more than one YAML document", "a single scenario per file");
            return null;
        }

        var root = stream.Documents[0].RootNode;
        return context.AsMapping(root, "the scenario", RootExpected);
    }
}
