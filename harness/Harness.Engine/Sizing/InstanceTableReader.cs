using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Sizing;

/// <summary>Reads an instance table file, reporting every mistake with its line and column.</summary>
public static class InstanceTableReader
{
    private const string FigureExpected = "a number, or {value: N, source: where it was published}";

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ScenarioException">The file cannot be read or is malformed.</exception>
    public static InstanceTable LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the instance table ({e.Message.TrimEnd('.')})");
        }

        return Parse(text, path);
    }

    /// <summary>Parses an instance table.</summary>
    /// <exception cref="ScenarioException">The text is malformed.</exception>
    public static InstanceTable Parse(string yaml, string sourceName)
    {
        var context = new ParseContext(sourceName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ScenarioException($"{sourceName}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1 || context.AsMapping(stream.Documents[0].RootNode, "the instance table", "a mapping with name and instances") is not { } root)
        {
            throw context.Errors.Count > 0 ? new ScenarioException(context.Errors) : new ScenarioException($"{sourceName}: expected one YAML document");
        }

        var reader = new MappingReader(context, root, "", ["name", "zones", "rules", "instances"], "name, zones, rules and instances");
        var name = reader.Text("name", required: true, "the table's name");
        var zones = (int?)reader.Integer("zones", 1, 16) ?? 1;
        var rules = new List<(string, string, string)>();
        if (reader.Find("rules") is { } rulesNode && context.AsMapping(rulesNode, "rules", "a mapping of rules, each {value: ..., source: ...}") is { } rulesMap)
        {
            foreach (var (key, value) in rulesMap.Children)
            {
                var ruleName = (key as YamlScalarNode)?.Value ?? "";
                if (value is YamlMappingNode m && new MappingReader(context, m, $"rules.{ruleName}", ["value", "source"]) is { } rule)
                {
                    rules.Add((ruleName, rule.Text("value", required: true) ?? "", rule.Text("source", required: true) ?? ""));
                }
                else
                {
                    context.Report(value, $"rules.{ruleName} is {ParseContext.Describe(value)}", "{value: ..., source: ...}");
                }
            }
        }

        var types = new List<InstanceType>();
        if (reader.Value("instances", true, "a list of instance types") is { } list && context.AsSequence(list, "instances", "a list of instance types") is { } sequence)
        {
            foreach (var (item, index) in sequence.Children.Select((n, i) => (n, i)))
            {
                var path = $"instances[{index}]";
                if (context.AsMapping(item, path, "an instance type") is not { } map)
                {
                    continue;
                }

                var type = new MappingReader(context, map, path, ["name", "vcpu", "maxPartitions", "storageThroughputMiBps", "maxStorageGiB"]);
                var typeName = type.Text("name", required: true, "the instance type's name");
                var partitions = Figure(type, "maxPartitions", required: true);
                if (typeName is not null && partitions is not null)
                {
                    types.Add(new InstanceType
                    {
                        Name = typeName,
                        Vcpu = Figure(type, "vcpu"),
                        MaxPartitions = partitions,
                        StorageThroughputMiBps = Figure(type, "storageThroughputMiBps"),
                        MaxStorageGiB = Figure(type, "maxStorageGiB"),
                    });
                }
            }
        }

        if (context.Errors.Count > 0 || name is null)
        {
            throw new ScenarioException(context.Errors);
        }

        return new InstanceTable { Name = name, Zones = zones, Rules = rules, Types = types };
    }

    private static InstanceFigure? Figure(MappingReader reader, string key, bool required = false)
    {
        if (reader.Value(key, required, FigureExpected) is not { } node)
        {
            return null;
        }

        var path = reader.PathOf(key);
        if (node is YamlMappingNode map)
        {
            var figure = new MappingReader(reader.Context, map, path, ["value", "source"]);
            var value = figure.Number("value", 0, double.MaxValue, minExclusive: true, required: true);
            var source = figure.Text("source", required: true, "where the figure was published (a URL or a note)");
            return value is { } v && source is not null ? new InstanceFigure(v, source) : null;
        }

        return reader.Context.Number(node, path, 0, double.MaxValue, minExclusive: true, FigureExpected) is { } plain ? new InstanceFigure(plain, "not given") : null;
    }
}
