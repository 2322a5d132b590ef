using System.Globalization;
using System.Text;
using ValueGuard.Reporting.Model;

namespace ValueGuard.Reporting.Csv;

/// <summary>
/// Writes a report as RFC 4180 CSV with the same raw numbers as the JSON (ratios 0..1, seconds, UTC ISO-8601
/// instants): one row per clause (<c>record=clause</c>) and one per breach episode (<c>record=episode</c>)
/// under a single header; a column that does not apply to a row is empty.
/// </summary>
public static class CsvReportWriter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "record", "contract", "period_from", "period_to", "ledger_head", "clause", "kpi", "unit", "value", "target", "warn", "coverage", "min_coverage",
        "window_from", "window_to", "verdict", "state", "samples", "inputs_sha256", "up_s", "unplanned_down_s", "planned_excluded_s", "data_missing_s",
        "forecast_running", "forecast_at_risk", "forecast_projected_value", "forecast", "episode", "breached_at", "acknowledged_at", "ended_at", "ended_as",
        "time_to_acknowledge_s", "time_to_recover_s", "escalation_level", "tickets",
    ];

    public static string Render(ComplianceReport report)
    {
        var h = report.Header;
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append("\r\n");
        foreach (var c in report.Clauses)
        {
            var d = c.Downtime;
            Row(sb, new()
            {
                ["record"] = "clause", ["contract"] = h.ContractId, ["period_from"] = Time(h.PeriodFrom), ["period_to"] = Time(h.PeriodTo),
                ["ledger_head"] = h.LedgerHead, ["clause"] = c.Clause, ["kpi"] = c.Kpi, ["unit"] = c.Unit, ["value"] = Number(c.Value),
                ["target"] = c.Target, ["warn"] = c.Warn, ["coverage"] = Number(c.Coverage), ["min_coverage"] = Number(c.MinCoverage),
                ["window_from"] = Time(c.WindowFrom), ["window_to"] = Time(c.WindowTo), ["verdict"] = c.Verdict, ["state"] = c.State,
                ["samples"] = c.Samples.ToString(CultureInfo.InvariantCulture), ["inputs_sha256"] = c.InputsSha256,
                ["up_s"] = Number(d?.UpSeconds), ["unplanned_down_s"] = Number(d?.UnplannedDownSeconds),
                ["planned_excluded_s"] = Number(d?.PlannedExcludedSeconds), ["data_missing_s"] = Number(d?.DataMissingSeconds),
                ["forecast_running"] = Bool(c.Forecast.Running), ["forecast_at_risk"] = Bool(c.Forecast.AtRisk),
                ["forecast_projected_value"] = Number(c.Forecast.ProjectedValue), ["forecast"] = c.Forecast.Text,
            });
        }
        foreach (var e in report.Episodes)
        {
            Row(sb, new()
            {
                ["record"] = "episode", ["contract"] = h.ContractId, ["period_from"] = Time(h.PeriodFrom), ["period_to"] = Time(h.PeriodTo),
                ["ledger_head"] = h.LedgerHead, ["clause"] = e.Clause, ["episode"] = e.Episode, ["breached_at"] = Time(e.BreachedAt),
                ["acknowledged_at"] = Time(e.AcknowledgedAt), ["ended_at"] = Time(e.EndedAt), ["ended_as"] = e.EndedAs,
                ["time_to_acknowledge_s"] = Number(e.TimeToAcknowledgeSeconds), ["time_to_recover_s"] = Number(e.TimeToRecoverSeconds),
                ["escalation_level"] = e.EscalationLevel.ToString(CultureInfo.InvariantCulture),
                ["tickets"] = string.Join("; ", e.Tickets.Select(t => $"{t.Sink}: {t.RemoteId ?? t.Status}")),
            });
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, Dictionary<string, string?> cells)
    {
        sb.AppendJoin(',', Columns.Select(c => Quote(cells.GetValueOrDefault(c)))).Append("\r\n");
    }

    private static string Quote(string? cell)
    {
        if (string.IsNullOrEmpty(cell)) return string.Empty;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static string? Number(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);

    private static string Bool(bool b) => b ? "true" : "false";

    private static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
