using System.Globalization;
using System.Net;
using System.Text;

namespace ValueGuard.Reporting.Html;

/// <summary>
/// Writes a compliance report as one self-contained HTML file: inline CSS, no scripts, no external
/// fetches. Verdicts are shown as a word and a colour, never colour alone.
/// </summary>
public static class HtmlReportWriter
{
    public static string Render(ComplianceReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title>Compliance report {E(report.ContractId)}: {E(report.Customer)}</title>\n");
        sb.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>Compliance report: {E(report.Customer)}</h1>\n");
        sb.Append("<dl class=\"meta\">\n");
        Meta(sb, "Contract", report.ContractId);
        Meta(sb, "Site (gateway)", report.Site);
        Meta(sb, "Evaluated at", $"{report.EvaluatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        Meta(sb, "Generated at", $"{report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        Meta(sb, "Contract time zone", report.TimeZone);
        Meta(sb, "Evidence ledger head", $"{report.LedgerHead} ({report.LedgerRecords} records)");
        sb.Append("</dl>\n");

        sb.Append("<h2>Clauses</h2>\n<table>\n<caption>Each value commitment with its target, the measured value and the verdict</caption>\n");
        sb.Append("<thead><tr><th scope=\"col\">Clause</th><th scope=\"col\">Target</th><th scope=\"col\">Actual</th><th scope=\"col\">Coverage</th><th scope=\"col\">Verdict</th><th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
        foreach (var c in report.Clauses)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\"><span class=\"id\">{E(c.ClauseId)}</span><br><span class=\"text\">{E(c.Text)}</span></th><td>{E(c.Target)}</td><td>{E(c.Actual)}</td><td>{E(c.Coverage)}</td><td><span class=\"verdict {VerdictClass(c.Verdict)}\">{E(c.Verdict)}</span></td><td>{E(c.State)}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");

        sb.Append("<h2>Breach episodes and tickets</h2>\n");
        if (report.Episodes.Count == 0)
        {
            sb.Append("<p>No breach episodes.</p>\n");
        }
        else
        {
            sb.Append("<table>\n<thead><tr><th scope=\"col\">Episode</th><th scope=\"col\">Opened</th><th scope=\"col\">State</th><th scope=\"col\">Escalation level</th><th scope=\"col\">Ticket</th></tr></thead>\n<tbody>\n");
            foreach (var ep in report.Episodes)
                sb.Append(CultureInfo.InvariantCulture,
                    $"<tr><th scope=\"row\">{E(ep.EpisodeId)}</th><td>{ep.OpenedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</td><td>{E(ep.State)}</td><td>{ep.EscalationLevel}</td><td>{E(ep.Ticket)}</td></tr>\n");
            sb.Append("</tbody>\n</table>\n");
        }

        sb.Append("<h2>Method</h2>\n");
        foreach (var c in report.Clauses)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<section class=\"method\">\n<h3>{E(c.ClauseId)}</h3>\n<ul>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<li>KPI: {E(c.Kpi)}: {E(c.Method)}.</li>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<li>Window: {E(c.Window)}.</li>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<li>Target {E(c.Target)}{(c.Warn is null ? string.Empty : $"; at risk when {E(c.Warn)}")}; INDETERMINATE when coverage is below {E(c.MinCoverage)}.</li>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<li>Inputs: {c.SampleCount} samples, SHA-256 <code>{E(c.InputsSha256)}</code>.</li>\n</ul>\n</section>\n");
        }
        sb.Append("<footer><p>Verify this report: <code>valueguard verify --ledger ledger.jsonl</code> recomputes the evidence ledger's hash chain; the head it prints must equal the one above.</p></footer>\n");
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Meta(StringBuilder sb, string term, string value) =>
        sb.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(value)}</dd>\n");

    private static string VerdictClass(string verdict) => verdict switch
    {
        "MET" => "met",
        "AT_RISK" => "risk",
        "BREACHED" => "breached",
        _ => "unknown",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
        main { max-width: 60rem; }
        h1 { font-size: 1.6rem; margin-bottom: .5rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1rem; margin-bottom: .2rem; }
        dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
        dl.meta dt { font-weight: 600; }
        dl.meta dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
        table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
        caption { text-align: left; color: #555; padding-bottom: .3rem; }
        th, td { border: 1px solid #ccc; padding: .4rem .6rem; text-align: left; vertical-align: top; }
        td { white-space: nowrap; }
        thead th { background: #f3f3f3; }
        .id { font-family: ui-monospace, monospace; }
        .text { font-weight: normal; color: #444; }
        .verdict { font-weight: 700; padding: .1rem .4rem; border-radius: .2rem; }
        .met { background: #d8f0d8; color: #14521a; }
        .risk { background: #fff0c2; color: #6b4e00; }
        .breached { background: #f8d4d4; color: #7a1010; }
        .unknown { background: #e4e4e4; color: #333; }
        code { font-size: .85em; word-break: break-all; }
        @media print { body { margin: 1cm; } h2 { break-after: avoid; } tr { break-inside: avoid; } }

        """;
}
