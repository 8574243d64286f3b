using System.Text.Json;

namespace Harness.Reports.Tests.Json.Schema;

/// <summary>docs/results-schema.json and docs/results-schema.md, embedded in the test assembly as shipped.</summary>
internal static class ResultsSchema
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(Resource("results-schema.json")));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonSchemaValidator Validator => new(Root);

    public static string Documentation => Resource("results-schema.md");

    private static string Resource(string name)
    {
        using var stream = typeof(ResultsSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
