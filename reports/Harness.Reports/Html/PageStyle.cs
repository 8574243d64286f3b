namespace Harness.Reports.Html;

/// <summary>
/// The page's inline CSS. It contains no '&lt;' or '&amp;', so the page stays well-formed XML, and no url(), so
/// it loads nothing. Print rules keep colours (the verdict and failures must survive a printout) and avoid
/// splitting figures.
/// </summary>
internal static class PageStyle
{
    public const string Css = """
:root { --pass: #1a7f37; --fail: #c62828; --warn: #8a5a00; --error: #6f2dbd; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 1120px; margin: 0 auto; padding: 12px 24px; }
h1 { font-size: 1.7rem; margin: .1rem 0 .8rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h2.facts-heading { font-size: 1rem; margin: 1rem 0 .4rem; }
.eyebrow { margin: 0; color: var(--muted); font-size: .75rem; letter-spacing: .06em; text-transform: uppercase; }
.icon { width: 16px; height: 16px; vertical-align: -3px; flex: none; }
.verdict { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem .7rem; padding: .8rem 1rem; border: 2px solid currentColor; border-radius: 8px; font-size: 1.05rem; }
.verdict .icon { width: 30px; height: 30px; }
.verdict-label { color: var(--ink); }
.verdict-text { font-size: 1.6rem; letter-spacing: .05em; }
.verdict-detail { color: var(--ink); }
.verdict-passed { color: var(--pass); background: #dafbe1; }
.verdict-failed { color: var(--fail); background: #ffebe9; }
.verdict-partial { color: var(--warn); background: #fff8c5; }
.verdict-error { color: var(--error); background: #fbefff; }
.banner { display: flex; gap: .6rem; align-items: flex-start; margin: .8rem 0; padding: .6rem 1rem; color: var(--warn); background: #fff8c5; border-left: 6px solid currentColor; }
.banner p { margin: 0; color: var(--ink); }
.banner .icon { width: 20px; height: 20px; margin-top: 1px; }
.banner-error { color: var(--error); background: #fbefff; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; margin: 1rem 0 0; padding: 0; list-style: none; }
a { color: #0550ae; }
.table-wrap { overflow-x: auto; }
table { width: 100%; margin: .4rem 0 1.2rem; border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
caption { padding: .3rem 0; font-weight: 600; text-align: left; }
th, td { padding: .3rem .45rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); vertical-align: bottom; }
tbody th { font-weight: 600; overflow-wrap: break-word; }
.num { text-align: right; }
.status { font-weight: 700; white-space: nowrap; }
.status .icon { margin-right: .3rem; }
.pass { color: var(--pass); }
.fail { color: var(--fail); }
tr.row-fail { background: #fff5f5; }
td.bad { color: var(--fail); background: #ffebe9; font-weight: 700; }
td.bad .icon { margin-right: .25rem; }
.empty, .note { color: var(--muted); font-style: italic; }
figure.chart { margin: 1rem 0 1.6rem; }
figcaption { margin-bottom: .3rem; font-weight: 600; }
.chart-svg { display: block; width: 100%; max-width: 900px; height: auto; }
.chart-svg text { fill: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
.chart-svg text.marker-label { fill: #7b3294; font-weight: 600; }
.chart-svg text.recovery-label { fill: #7b3294; }
.chart-svg text.bound-label { font-weight: 600; }
.chart-svg text.unit { font-weight: 600; }
pre { padding: .8rem; overflow-x: auto; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
button.sort { padding: 0; color: inherit; background: none; border: 0; font: inherit; cursor: pointer; }
button.sort:focus-visible { outline: 2px solid #0550ae; outline-offset: 2px; }
th[aria-sort="ascending"] button.sort::after { content: " \25B2"; }
th[aria-sort="descending"] button.sort::after { content: " \25BC"; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
@media print {
  body { font-size: 10pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav#toc { display: none; }
  th[aria-sort] button.sort::after { content: none; }
  .table-wrap { overflow: visible; }
  h2 { break-after: avoid; }
  tr, figure.chart, .verdict, .banner { break-inside: avoid; }
  .verdict, .banner, td.bad, tr.row-fail, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
""";
}
