using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Harness.Reports.Json;

/// <summary>The one set of serializer options shared by the writer and the reader, so they cannot drift apart.</summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            IndentSize = 2,

            // results.json is a file for people and tools, never embedded in a page, so readable text (quotes,
            // non-ASCII names) matters more than HTML-safe escaping.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

            // A null in a non-nullable member means the file is damaged; say so instead of handing on a null.
            RespectNullableAnnotations = true,

            // Metrics can be NaN (a rate over an empty interval); writing them must not fail a whole report.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

            // Newer 1.x files may carry members this version does not know; they are ignored.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
