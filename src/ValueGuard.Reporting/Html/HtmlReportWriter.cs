using System.Globalization;
using System.Net;
using System.Text;
using ValueGuard.Reporting.Labels;
using ValueGuard.Reporting.Model;

namespace ValueGuard.Reporting.Html;

/// <summary>
/// Writes a compliance report as one self-contained HTML file: inline CSS and inline SVG charts, no
/// scripts, no external fetches; it prints on A4. Verdicts are shown as a word and a colour, never
/// colour alone; tables have captions and header cells; charts have a title and a description.
/// </summary>
public static class HtmlReportWriter
{
    public static string Render(ComplianceReport report) => Render(report, ReportLanguages.English);

    public static string Render(ComplianceReport report, ReportLabels l)
    {
        var h = report.Header;
        var sb = new StringBuilder();
        sb.Append(Inv($"<!DOCTYPE html>\n<html lang=\"{E(l.Language)}\">\n<head>\n<meta charset=\"utf-8\">\n"));
        sb.Append(Inv($"<title>{E(l.Title)} {E(h.ContractId)}: {E(h.Customer)}</title>\n"));
        sb.Append("<style>\n").Append(ReportCss.Text).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append(Inv($"<h1>{E(l.Title)}: {E(h.Customer)}</h1>\n<dl class=\"meta\">\n"));
        Meta(sb, l.Customer, h.Customer);
        Meta(sb, l.Contract, $"{h.ContractId} (SHA-256 {h.ContractSha256})");
        Meta(sb, l.Period, $"[{Time(h.PeriodFrom)}, {Time(h.PeriodTo)}) = [{Local(h.PeriodFrom, h.TimeZone)}, {Local(h.PeriodTo, h.TimeZone)}) {h.TimeZone}");
        Meta(sb, l.GeneratedAt, Time(h.GeneratedAt));
        Meta(sb, l.Gateway, h.Gateway);
        Meta(sb, l.TimeZone, h.TimeZone);
        Meta(sb, l.LedgerHead, $"{h.LedgerHead} ({h.LedgerRecords} {l.Records}){(h.LedgerIntact ? string.Empty : "; " + l.LedgerBroken)}");
        sb.Append("</dl>\n");

        ClauseTable(sb, report, l);
        foreach (var c in report.Clauses) ClauseSection(sb, report, c, l);
        DowntimeTable(sb, report, l);
        EpisodeTable(sb, report, l);
        sb.Append(Inv($"<footer><p>{E(l.VerifyHint)}</p></footer>\n</main>\n</body>\n</html>\n"));
        return sb.ToString();
    }

    private static void ClauseTable(StringBuilder sb, ComplianceReport report, ReportLabels l)
    {
        sb.Append(Inv($"<h2>{E(l.Clauses)}</h2>\n<table class=\"clauses\">\n<caption>{E(l.ClausesCaption)}</caption>\n<thead><tr>"));
        foreach (var col in new[] { l.Clause, l.Target, l.Actual, l.Coverage, l.Verdict, l.State, l.Trend })
            sb.Append(Inv($"<th scope=\"col\">{E(col)}</th>"));
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var c in report.Clauses)
        {
            sb.Append(Inv($"<tr><th scope=\"row\"><a href=\"#clause-{E(c.Clause)}\" class=\"id\">{E(c.Clause)}</a><br><span class=\"text\">{E(c.Text)}</span></th>"));
            sb.Append(Inv($"<td class=\"target\">{E(c.Target)}</td><td class=\"num\">{E(ReportUnits.Format(c.Value, c.Unit))}</td><td class=\"num\">{E(ReportUnits.Format(c.Coverage, "ratio"))}</td>"));
            sb.Append(Inv($"<td>{Verdict(c.Verdict, l)}</td><td>{E(l.StateWord(c.State))}</td>"));
            sb.Append(Inv($"<td>{SvgCharts.Sparkline(c, report.Header.PeriodFrom, report.Header.PeriodTo, string.Format(CultureInfo.InvariantCulture, l.SparklineAlt, c.Clause))}</td></tr>\n"));
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private static void ClauseSection(StringBuilder sb, ComplianceReport report, ClauseReport c, ReportLabels l)
    {
        var h = report.Header;
        sb.Append(Inv($"<section class=\"clause\" id=\"clause-{E(c.Clause)}\">\n<h3>{E(c.Clause)}: {Verdict(c.Verdict, l)}</h3>\n<p class=\"text\">{E(c.Text)}</p>\n"));
        var episodes = report.Episodes.Where(e => e.Clause == c.Clause).ToList();
        var title = string.Format(CultureInfo.InvariantCulture, l.ChartAlt, c.Clause, c.Target);
        var description = $"{l.Actual} {ReportUnits.Format(c.Value, c.Unit)}; {l.Target} {c.Target}" + (c.Warn is null ? string.Empty : $"; {l.Warn} {c.Warn}")
            + $"; {l.Episodes}: {episodes.Count}";
        sb.Append("<figure>\n").Append(SvgCharts.Chart(c, episodes, h.PeriodFrom, h.PeriodTo, title, description));
        sb.Append(Inv($"\n<figcaption><span class=\"key kpi-key\"></span> {E(c.Kpi)} <span class=\"key target-key\"></span> {E(l.Target)} {E(c.Target)}"));
        if (c.Warn is not null) sb.Append(Inv($" <span class=\"key warn-key\"></span> {E(l.Warn)} {E(c.Warn)}"));
        sb.Append(Inv($" <span class=\"key breach-key\"></span> {E(l.BreachShaded)}</figcaption>\n</figure>\n"));

        sb.Append("<dl class=\"numbers\">\n");
        Meta(sb, l.Actual, $"{ReportUnits.Format(c.Value, c.Unit)}{(c.WindowFrom is { } f ? $" [{Time(f)}, {Time(c.WindowTo!.Value)})" : c.Note is null ? string.Empty : "; " + c.Note)}");
        Meta(sb, l.Coverage, $"{ReportUnits.Format(c.Coverage, "ratio")} (min {ReportUnits.Format(c.MinCoverage, "ratio")})");
        var forecast = $"{(c.Forecast.Running ? l.Running : l.Finished)}: {c.Forecast.Text}"
            + (c.Forecast.ProjectedValue is { } p ? $"; {l.Projected}: {ReportUnits.Format(p, c.Unit)}" : string.Empty);
        Meta(sb, l.Forecast, forecast);
        sb.Append("</dl>\n");
        sb.Append(Inv($"<h4>{E(l.Method)}</h4>\n<ul class=\"method\">\n"));
        Item(sb, l.MethodKpi, $"{c.Kpi}: {c.Method.Kpi}");
        Item(sb, l.MethodWindow, c.Method.Window);
        Item(sb, l.MethodExclusions, c.Method.Exclusions);
        Item(sb, l.MethodCoverage, c.Method.Coverage);
        Item(sb, l.MethodSeries, c.Method.Series);
        sb.Append(Inv($"<li>{E(l.Inputs)}: {c.Samples} {E(l.Samples)}, SHA-256 <code>{E(c.InputsSha256 ?? "-")}</code></li>\n</ul>\n</section>\n"));
    }

    private static void DowntimeTable(StringBuilder sb, ComplianceReport report, ReportLabels l)
    {
        var rows = report.Clauses.Where(c => c.Downtime is not null).ToList();
        if (rows.Count == 0) return;
        sb.Append(Inv($"<h2>{E(l.Downtime)}</h2>\n<table>\n<caption>{E(l.DowntimeCaption)}</caption>\n<thead><tr>"));
        foreach (var col in new[] { l.Clause, l.Up, l.UnplannedDown, l.PlannedExcluded, l.DataMissing })
            sb.Append(Inv($"<th scope=\"col\">{E(col)}</th>"));
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var c in rows)
        {
            var d = c.Downtime!;
            sb.Append(Inv($"<tr><th scope=\"row\" class=\"id\">{E(c.Clause)}</th><td class=\"num\">{E(ReportUnits.Duration(d.UpSeconds))}</td><td class=\"num\">{E(ReportUnits.Duration(d.UnplannedDownSeconds))}</td>"));
            sb.Append(Inv($"<td class=\"num\">{E(ReportUnits.Duration(d.PlannedExcludedSeconds))}</td><td class=\"num\">{E(ReportUnits.Duration(d.DataMissingSeconds))}</td></tr>\n"));
        }
        sb.Append("</tbody>\n</table>\n<ul class=\"method\">\n");
        foreach (var c in rows) Item(sb, c.Clause, c.Downtime!.Method);
        sb.Append("</ul>\n");
    }

    private static void EpisodeTable(StringBuilder sb, ComplianceReport report, ReportLabels l)
    {
        sb.Append(Inv($"<h2>{E(l.Episodes)}</h2>\n"));
        if (report.Episodes.Count == 0)
        {
            sb.Append(Inv($"<p>{E(l.NoEpisodes)}</p>\n"));
            return;
        }
        sb.Append(Inv($"<table>\n<caption>{E(l.EpisodesCaption)}</caption>\n<thead><tr>"));
        foreach (var col in new[] { l.Episode, l.Opened, l.Acknowledged, l.Ended, l.TimeToAcknowledge, l.TimeToRecover, l.EscalationLevel, l.Tickets })
            sb.Append(Inv($"<th scope=\"col\">{E(col)}</th>"));
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var ep in report.Episodes)
        {
            var tickets = ep.Tickets.Count == 0 ? l.None : string.Join(", ", ep.Tickets.Select(t => $"{t.Sink}: {t.RemoteId ?? t.Status}"));
            sb.Append(Inv($"<tr><th scope=\"row\" class=\"id\">{E(ep.Episode)}</th><td>{Time(ep.BreachedAt)}</td><td>{(ep.AcknowledgedAt is { } a ? Time(a) : "-")}</td>"));
            sb.Append(Inv($"<td>{(ep.EndedAt is { } e ? $"{Time(e)} ({E(l.StateWord(ep.EndedAs))})" : E(l.StateWord(ep.EndedAs)))}</td>"));
            sb.Append(Inv($"<td class=\"num\">{E(ReportUnits.Duration(ep.TimeToAcknowledgeSeconds))}</td><td class=\"num\">{E(ReportUnits.Duration(ep.TimeToRecoverSeconds))}</td>"));
            sb.Append(Inv($"<td class=\"num\">{ep.EscalationLevel}</td><td>{E(tickets)}</td></tr>\n"));
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private static string Verdict(string verdict, ReportLabels l) =>
        Inv($"<span class=\"verdict {VerdictClass(verdict)}\">{E(l.VerdictWord(verdict))}</span>");

    private static string VerdictClass(string verdict) => verdict switch
    {
        "MET" => "met",
        "AT_RISK" => "risk",
        "BREACHED" => "breached",
        _ => "unknown",
    };

    private static void Meta(StringBuilder sb, string term, string value) => sb.Append(Inv($"<dt>{E(term)}</dt><dd>{E(value)}</dd>\n"));

    private static void Item(StringBuilder sb, string term, string value) => sb.Append(Inv($"<li><strong>{E(term)}</strong>: {E(value)}</li>\n"));

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset t, string zone) =>
        NodaTime.Instant.FromDateTimeOffset(t).InZone(NodaTime.DateTimeZoneProviders.Tzdb[zone]).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
