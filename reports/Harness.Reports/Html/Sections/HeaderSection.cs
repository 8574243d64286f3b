using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>The top of the page: verdict (word and icon), partial or error banner, run facts and environment,
/// and the section navigation.</summary>
internal sealed class HeaderSection : IHtmlSection
{
    private static readonly (string Id, string Title)[] Contents =
    [
        ("checks", "Checks"), ("preflight", "Pre-flight"), ("parity", "Parity"), ("latency", "Latency"), ("offsets", "Offset translation"),
        ("charts", "Charts"), ("connectors", "Connectors"), ("faults", "Fault timeline"), ("anomalies", "Anomalies"), ("scenario", "Scenario"),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        html.Open("header", ("id", "top"));
        html.Line();
        html.Element("p", "Kafka migration rehearsal", ("class", "eyebrow"));
        html.Element("h1", result.Scenario.Name, ("id", "scenario-name"));
        html.Line();
        RenderVerdict(result, html);
        RenderBanners(result, html);

        html.Open("div", ("class", "facts"));
        RenderFacts(html, "summary", "Run", RunFacts(result));
        RenderFacts(html, "environment", "Environment", EnvironmentFacts(result.Environment));
        html.Close("div");
        html.Line();
        RenderNavigation(result, html);
        html.Close("header");
        html.Line();
    }

    private static void RenderVerdict(RunResult result, HtmlOutput html)
    {
        html.Open("div", ("id", "verdict"), ("class", VerdictText.CssClass(result.Verdict)));
        html.Raw(VerdictText.Icon(result.Verdict));
        html.Element("span", "Verdict:", ("class", "verdict-label"));
        html.Element("strong", VerdictText.Word(result.Verdict), ("class", "verdict-text"));
        html.Element("span", VerdictText.Detail(result), ("class", "verdict-detail"));
        html.Close("div");
        html.Line();
    }

    private static void RenderBanners(RunResult result, HtmlOutput html)
    {
        if (result.Partial)
        {
            html.Open("div", ("id", "partial-banner"), ("class", "banner"), ("role", "note"));
            html.Raw(Icons.Warning);
            html.Open("p");
            html.Element("strong", "Partial report.");
            html.Text(" The run was interrupted (" + (result.PartialReason ?? "no reason given")
                + "); every figure below covers only the part of the run that completed.");
            html.Close("p");
            html.Close("div");
            html.Line();
        }

        if (result.ErrorMessage is not null)
        {
            html.Open("div", ("id", "error-banner"), ("class", "banner banner-error"), ("role", "note"));
            html.Raw(Icons.Error);
            html.Open("p");
            html.Element("strong", "Run error.");
            html.Text(" " + result.ErrorMessage);
            html.Close("p");
            html.Close("div");
            html.Line();
        }
    }

    private static IEnumerable<(string Term, string Value)> RunFacts(RunResult result)
    {
        yield return ("Scenario", result.Scenario.Name);
        if (result.Scenario.Description.Length > 0)
        {
            yield return ("Description", result.Scenario.Description);
        }

        yield return ("Run id", result.RunId);
        yield return ("Started", Format.Utc(result.StartedUtc));
        yield return ("Finished", Format.Utc(result.FinishedUtc));
        yield return ("Duration", Format.Duration(result.Duration));
        yield return ("Schema version", result.SchemaVersion);
    }

    private static IEnumerable<(string Term, string Value)> EnvironmentFacts(RunEnvironment environment)
    {
        yield return ("Harness", environment.HarnessVersion);
        yield return ("Replicator", environment.ReplicatorKind);
        yield return ("Source cluster", environment.SourceClusterBackend);
        yield return ("Target cluster", environment.TargetClusterBackend);
        yield return (".NET", environment.DotNetVersion);
        if (environment.Librdkafka is { } librdkafka)
        {
            yield return ("librdkafka", librdkafka);
        }

        if (environment.SourceCaFile is { } sourceCa)
        {
            yield return ("Source CA", sourceCa);
        }

        if (environment.TargetCaFile is { } targetCa)
        {
            yield return ("Target CA", targetCa);
        }

        yield return ("OS", environment.OperatingSystem);
        yield return ("Machine", environment.MachineName);
    }

    private static void RenderFacts(HtmlOutput html, string id, string heading, IEnumerable<(string Term, string Value)> facts)
    {
        html.Open("section", ("id", id), ("aria-labelledby", id + "-heading"));
        html.Element("h2", heading, ("id", id + "-heading"), ("class", "facts-heading"));
        html.Open("dl");
        foreach (var (term, value) in facts)
        {
            html.Element("dt", term);
            html.Element("dd", value);
        }

        html.Close("dl");
        html.Close("section");
        html.Line();
    }

    private static void RenderNavigation(RunResult result, HtmlOutput html)
    {
        html.Open("nav", ("id", "toc"), ("aria-label", "Report sections"));
        html.Open("ul");
        foreach (var (id, title) in Contents.Where(c => (c.Id != "connectors" || result.Connectors.Count > 0) && (c.Id != "preflight" || result.Preflight is not null)))
        {
            html.Open("li");
            html.Element("a", title, ("href", "#" + id));
            html.Close("li");
        }

        html.Close("ul");
        html.Close("nav");
        html.Line();
    }
}
