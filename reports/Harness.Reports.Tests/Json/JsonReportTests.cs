using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Reports.Json;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Json;

public sealed class JsonReportTests
{
    private readonly JsonReportWriter _writer = new();
    private readonly JsonReportReader _reader = new();

    [Test]
    public void Round_trip_keeps_every_member()
    {
        var original = SampleRuns.Failing();

        var json = _writer.ToText(original);
        var read = _reader.Read(json);

        read.Should().BeEquivalentTo(original, options => options.ComparingRecordsByMembers().WithStrictOrdering());
        _writer.ToText(read).Should().Be(json);
    }

    [Test]
    public void Round_trip_through_a_stream_keeps_a_bare_run()
    {
        var original = SampleRuns.Bare(Verdict.Error) with { ErrorMessage = "source cluster did not start" };
        using var stream = new MemoryStream();
        _writer.Write(original, stream);
        stream.Position = 0;

        var read = _reader.Read(stream);

        read.Should().BeEquivalentTo(original, options => options.ComparingRecordsByMembers());
        read.Latency.Should().BeNull();
        read.Checks.Should().BeEmpty();
    }

    [Test]
    public void Output_carries_the_schema_version_first()
    {
        var root = JsonNode.Parse(_writer.ToText(SampleRuns.Failing()))!.AsObject();

        root.First().Key.Should().Be("schemaVersion");
        root["schemaVersion"]!.GetValue<string>().Should().Be("1.5").And.Be(RunResult.CurrentSchemaVersion);
    }

    [Test]
    public void Output_uses_camel_case_string_enums_iso_dates_and_seconds()
    {
        var root = JsonNode.Parse(_writer.ToText(SampleRuns.Failing()))!;

        root["runId"]!.GetValue<string>().Should().Be("run-20250301-0001");
        root["verdict"]!.GetValue<string>().Should().Be("failed");
        root["anomalies"]![0]!["class"]!.GetValue<string>().Should().Be("duplicated");
        root["startedUtc"]!.GetValue<string>().Should().Be("2025-03-01T10:00:00+00:00");
        root["durationSeconds"]!.GetValue<double>().Should().Be(125.25);
        root["parity"]![0]!["sourceTopic"]!.GetValue<string>().Should().Be("orders");
        root["timeSeries"]!["samples"]![0]!["replicatorRssMiB"]!.GetValue<double>().Should().Be(180.25);
    }

    [Test]
    public void Output_keeps_the_scenario_redacted()
    {
        var json = _writer.ToText(SampleRuns.Failing());

        json.Should().NotContain(SampleRuns.SecretMarker);
        json.Should().Contain("ssl.key.password: ******");
    }

    [Test]
    public void Non_finite_metrics_do_not_break_writing()
    {
        var run = SampleRuns.Bare() with
        {
            TimeSeries = new TimeSeries { Samples = [new MetricSample { OffsetSeconds = 0, ProduceRate = double.NaN }] },
        };

        var read = _reader.Read(_writer.ToText(run));

        double.IsNaN(read.TimeSeries.Samples[0].ProduceRate).Should().BeTrue();
    }

    [Test]
    public void Reader_accepts_a_newer_minor_version_with_unknown_members()
    {
        var root = JsonNode.Parse(_writer.ToText(SampleRuns.Bare()))!.AsObject();
        root["schemaVersion"] = "1.7";
        root["somethingNew"] = new JsonObject { ["x"] = 1 };

        var read = _reader.Read(root.ToJsonString());

        read.SchemaVersion.Should().Be("1.7");
        read.RunId.Should().Be("run-bare");
    }

    [Test]
    public void Reader_accepts_a_1_0_file_written_before_switchover_existed()
    {
        var root = JsonNode.Parse(_writer.ToText(SampleRuns.Failing()))!.AsObject();
        root["schemaVersion"] = "1.0";
        root.Remove("switchover").Should().BeTrue();

        var read = _reader.Read(root.ToJsonString());

        read.Switchover.Should().BeEmpty();
        read.OffsetTranslation.Should().HaveCount(3);
    }

    [TestCase("2.0")]
    [TestCase("banana")]
    public void Reader_rejects_other_major_versions(string version)
    {
        var root = JsonNode.Parse(_writer.ToText(SampleRuns.Bare()))!.AsObject();
        root["schemaVersion"] = version;

        var read = () => _reader.Read(root.ToJsonString());

        read.Should().Throw<ReportFormatException>().WithMessage($"*'{version}'*");
    }

    [Test]
    public void Reader_rejects_a_file_without_schema_version()
    {
        var root = JsonNode.Parse(_writer.ToText(SampleRuns.Bare()))!.AsObject();
        root.Remove("schemaVersion");

        var read = () => _reader.Read(root.ToJsonString());

        read.Should().Throw<ReportFormatException>().WithMessage("*schemaVersion is missing*");
    }

    [Test]
    public void Reader_rejects_missing_required_members_and_nulls()
    {
        var missing = JsonNode.Parse(_writer.ToText(SampleRuns.Bare()))!.AsObject();
        missing.Remove("runId");
        var nulled = JsonNode.Parse(_writer.ToText(SampleRuns.Bare()))!.AsObject();
        nulled["checks"] = null;

        ((Action)(() => _reader.Read(missing.ToJsonString()))).Should().Throw<ReportFormatException>()
            .WithInnerException<JsonException>();
        ((Action)(() => _reader.Read(nulled.ToJsonString()))).Should().Throw<ReportFormatException>();
    }

    [Test]
    public void Reader_rejects_malformed_json()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ \"schemaVersion\": \"1.0\", "));

        var read = () => _reader.Read(stream);

        read.Should().Throw<ReportFormatException>().WithMessage("Not a valid results file*");
    }

    [Test]
    public void Reader_reads_a_file_and_names_it_in_errors()
    {
        var directory = Directory.CreateTempSubdirectory("reports-json-");
        try
        {
            var good = Path.Combine(directory.FullName, "results.json");
            File.WriteAllText(good, _writer.ToText(SampleRuns.Failing()));
            var bad = Path.Combine(directory.FullName, "bad.json");
            File.WriteAllText(bad, "[]");

            _reader.ReadFile(good).RunId.Should().Be("run-20250301-0001");
            ((Action)(() => _reader.ReadFile(bad))).Should().Throw<ReportFormatException>().WithMessage($"{bad}:*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void Writer_leaves_the_stream_open()
    {
        using var stream = new MemoryStream();

        _writer.Write(SampleRuns.Bare(), stream);

        stream.CanWrite.Should().BeTrue();
        stream.Length.Should().BePositive();
    }
}
