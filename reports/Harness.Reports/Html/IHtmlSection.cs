using Harness.Reports.Model;

namespace Harness.Reports.Html;

/// <summary>One part of report.html. Each section writes one element with a stable id that browser tests and
/// links rely on.</summary>
internal interface IHtmlSection
{
    void Render(RunResult result, HtmlOutput html);
}
