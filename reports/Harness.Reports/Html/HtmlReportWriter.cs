using System.Text;
using Harness.Reports.Html.Sections;
using Harness.Reports.Model;

namespace Harness.Reports.Html;

/// <summary>
/// Writes report.html: one self-contained page (CSS, script and charts inline; nothing fetched, enforced by a
/// Content-Security-Policy) that reads completely without JavaScript and prints. Every section and chart has a
/// stable id: verdict, partial-banner, summary, environment, checks, preflight, parity, latency, offsets, apps, charts,
/// chart-rates, chart-lag-records, chart-lag-ms, chart-latency, chart-memory, chart-brokers, faults, anomalies,
/// scenario.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    // The page loads nothing: no network, no files. Inline style and script are the report's own.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private static readonly IHtmlSection[] Sections =
    [
        new ChecksSection(),
        new PreflightSection(),
        new ParitySection(),
        new LatencySection(),
        new OffsetTranslationSection(),
        new AppsSection(),
        new ChartsSection(),
        new ConnectorsSection(),
        new FaultTimelineSection(),
        new AnomaliesSection(),
        new ScenarioSection(),
    ];

    /// <inheritdoc />
    public string FileName => "report.html";

    /// <inheritdoc />
    public void Write(RunResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);

        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        var html = new HtmlOutput(writer);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
        html.Void("meta", ("charset", "utf-8"));
        html.Line();
        html.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Line();
        html.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy));
        html.Line();
        html.Void("meta", ("name", "generator"), ("content", "Kafka Migration Harness " + result.Environment.HarnessVersion));
        html.Line();
        html.Element("title", $"{VerdictText.Word(result.Verdict)}: {result.Scenario.Name} (Kafka migration rehearsal)");
        html.Line();
        html.Raw("<style>\n" + PageStyle.Css + "</style>\n</head>\n<body>\n");

        new HeaderSection().Render(result, html);
        html.Raw("<main>\n");
        foreach (var section in Sections)
        {
            section.Render(result, html);
        }

        html.Raw("</main>\n");
        html.Open("footer");
        html.Element(
            "p",
            $"Kafka Migration Harness {result.Environment.HarnessVersion}; results schema {result.SchemaVersion}; run {result.RunId}.");
        html.Close("footer");

        // The CDATA markers are comments to JavaScript and keep the script opaque to XML parsers.
        html.Raw("\n<script>//<![CDATA[\n" + PageScript.Js + "//]]></script>\n</body>\n</html>\n");
    }
}
