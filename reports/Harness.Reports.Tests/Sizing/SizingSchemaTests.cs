using System.Text.Json;
using Harness.Reports.Sizing;
using Harness.Reports.Tests.Json.Schema;

namespace Harness.Reports.Tests.Sizing;

/// <summary>sizing.json against docs/sizing-schema.json, as shipped: what the writer produces validates and declares nothing the schema does not.</summary>
public sealed class SizingSchemaTests
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
    {
        using var stream = typeof(SizingSchemaTests).Assembly.GetManifestResourceStream("sizing-schema.json")
            ?? throw new InvalidOperationException("sizing-schema.json is not embedded.");
        return JsonDocument.Parse(stream);
    });

    [Test]
    public void Written_sizing_validates_and_declares_nothing_outside_the_schema()
    {
        var validator = new JsonSchemaValidator(Schema.Value.RootElement);

        validator.Validate(Json(SizingSamples.Report()), undeclaredIsError: true).Should().BeEmpty();
    }

    [Test]
    public void A_sizing_without_any_knee_validates_too_and_a_missing_member_does_not()
    {
        var validator = new JsonSchemaValidator(Schema.Value.RootElement);
        var bare = SizingSamples.Report() with
        {
            Curves = [new CapacityCurve { Tasks = 1 }],
            Replicator = new ReplicatorSizing(),
            TargetCluster = new TargetClusterSizing(),
        };

        validator.Validate(Json(bare), undeclaredIsError: true).Should().BeEmpty();
        var text = JsonSerializer.Serialize(Json(bare)).Replace("\"headroom\":", "\"headRoom\":", StringComparison.Ordinal);
        using var broken = JsonDocument.Parse(text);
        validator.Validate(broken.RootElement).Should().NotBeEmpty();
    }

    private static JsonElement Json(SizingReport report)
    {
        using var stream = new MemoryStream();
        SizingJson.Write(report, stream);
        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
