using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>The scenario text as run, already redacted by the model.</summary>
internal sealed class ScenarioSection : IHtmlSection
{
    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "scenario", "Scenario as run");
        if (result.Scenario.Text.Length == 0)
        {
            html.Element("p", "The scenario text was not recorded.", ("class", "empty"));
        }
        else
        {
            html.Element("p", "Values of secret keys (passwords, tokens, JAAS configs, SSL keys) are masked.", ("class", "note"));
            html.Open("pre", ("id", "scenario-text"));
            html.Element("code", result.Scenario.Text);
            html.Close("pre");
        }

        html.Line();
        Section.Close(html);
    }
}
