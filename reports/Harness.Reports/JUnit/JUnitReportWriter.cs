using System.Globalization;
using System.Text;
using System.Xml;
using Harness.Reports.Model;

namespace Harness.Reports.JUnit;

/// <summary>
/// Writes junit.xml so CI systems show each check as a test: one &lt;testsuite&gt; per run and one
/// &lt;testcase&gt; per check, with a &lt;failure&gt; for each failed check. A run that was interrupted or
/// errored gets one extra test case named "run" carrying an &lt;error&gt;, so CI never shows such a run as green.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    /// <summary>The name of the extra test case added for interrupted or errored runs.</summary>
    public const string RunTestCaseName = "run";

    /// <inheritdoc />
    public string FileName => "junit.xml";

    /// <inheritdoc />
    public void Write(RunResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            CloseOutput = false,
        };
        var runError = RunError(result);
        var tests = result.Checks.Count + (runError is null ? 0 : 1);
        var failures = result.Checks.Count(c => !c.Passed);
        var errors = runError is null ? 0 : 1;
        var time = Seconds(result.Duration.TotalSeconds);
        var className = "harness." + XmlChars.Clean(result.Scenario.Name);

        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "harness");
        WriteCounts(xml, tests, failures, errors, time);

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", XmlChars.Clean(result.Scenario.Name));
        WriteCounts(xml, tests, failures, errors, time);
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("timestamp", result.StartedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", XmlChars.Clean(result.Environment.MachineName));
        WriteProperties(xml, result);

        foreach (var check in result.Checks)
        {
            WriteCheck(xml, check, className);
        }

        if (runError is not null)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", RunTestCaseName);
            xml.WriteAttributeString("classname", className);
            xml.WriteAttributeString("time", time);
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", XmlChars.Clean(runError.Value.Message));
            xml.WriteAttributeString("type", runError.Value.Type);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteElementString("system-out", XmlChars.Clean(Summary(result)));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCounts(XmlWriter xml, int tests, int failures, int errors, string time)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", time);
    }

    private static void WriteProperties(XmlWriter xml, RunResult result)
    {
        xml.WriteStartElement("properties");
        WriteProperty(xml, "runId", result.RunId);
        WriteProperty(xml, "verdict", result.Verdict.ToString().ToLowerInvariant());
        WriteProperty(xml, "partial", result.Partial ? "true" : "false");
        WriteProperty(xml, "harnessVersion", result.Environment.HarnessVersion);
        WriteProperty(xml, "replicatorKind", result.Environment.ReplicatorKind);
        WriteProperty(xml, "sourceClusterBackend", result.Environment.SourceClusterBackend);
        WriteProperty(xml, "targetClusterBackend", result.Environment.TargetClusterBackend);
        WriteProperty(xml, "schemaVersion", result.SchemaVersion);
        xml.WriteEndElement();
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", XmlChars.Clean(value));
        xml.WriteEndElement();
    }

    private static void WriteCheck(XmlWriter xml, CheckResult check, string className)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", XmlChars.Clean(check.Name));
        xml.WriteAttributeString("classname", className);

        // Checks are evaluated after the run, in negligible time; the run's duration is on the suite.
        xml.WriteAttributeString("time", "0");
        if (!check.Passed)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", XmlChars.Clean(FailureMessage(check)));
            xml.WriteAttributeString("type", "CheckFailed");
            xml.WriteString(XmlChars.Clean($"measured: {check.Measured}\nexpected: {check.Expected}\n{check.Message}".TrimEnd()));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string FailureMessage(CheckResult check) =>
        string.IsNullOrWhiteSpace(check.Message) ? $"measured {check.Measured}, expected {check.Expected}" : check.Message;

    private static (string Message, string Type)? RunError(RunResult result)
    {
        if (result.Verdict == Verdict.Error)
        {
            return (result.ErrorMessage ?? "The run failed before it could be verified.", "RunError");
        }

        if (result.Partial || result.Verdict == Verdict.Partial)
        {
            return (result.PartialReason ?? "The run was interrupted.", "RunInterrupted");
        }

        return null;
    }

    private static string Summary(RunResult result)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"run {result.RunId}: {result.Verdict.ToString().ToLowerInvariant()}, scenario {result.Scenario.Name}, ");
        builder.Append(CultureInfo.InvariantCulture, $"{Seconds(result.Duration.TotalSeconds)} s, replicator {result.Environment.ReplicatorKind}");
        if (result.Partial)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\npartial: {result.PartialReason}");
        }

        if (result.ErrorMessage is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\nerror: {result.ErrorMessage}");
        }

        return builder.ToString();
    }

    private static string Seconds(double seconds) =>
        Math.Max(0, seconds).ToString("0.###", CultureInfo.InvariantCulture);
}
