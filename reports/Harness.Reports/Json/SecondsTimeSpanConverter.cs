using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Reports.Json;

/// <summary>Writes a <see cref="TimeSpan"/> as a number of seconds with millisecond precision, which every JSON
/// consumer (jq, spreadsheets, dashboards) understands, unlike .NET's "c" format.</summary>
internal sealed class SecondsTimeSpanConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var seconds = reader.GetDouble();
        if (!double.IsFinite(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds)
        {
            throw new JsonException($"{seconds} is not a valid number of seconds.");
        }

        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(value.TotalSeconds, 3));
}
