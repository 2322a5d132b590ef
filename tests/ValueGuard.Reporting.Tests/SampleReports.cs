using ValueGuard.Reporting.Model;

namespace ValueGuard.Reporting.Tests;

/// <summary>A small report with one breached and one met clause, for the writer tests.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);

    public static ComplianceReport Report(string clauseText = "Availability at least 98 %", string customer = "ACME <Precision> & Parts")
    {
        var method = new ClauseMethod("time up over known time", "30d from go-live", "none", "below 90% INDETERMINATE", "48 points");
        var series = Enumerable.Range(1, 10).Select(i => new KpiPoint(From.AddDays(3 * i), 1 - i * 0.003, 1, i > 6 ? "BREACHED" : "MET")).ToList();
        return new ComplianceReport(
            new ReportHeader(customer, "ACME-2026-017", new string('c', 64), "acme-plant-1", "Asia/Shanghai", From, To, To.AddHours(1), new string('f', 64), 8, true),
            [
                new ClauseReport("press-availability", clauseText, "availability", "ratio", 0.97222, ">= 98%", 0.98, "< 99%", 0.99, 1, 0.9,
                    From, To, "BREACHED", "ClosedMissed", 8640, new string('a', 64),
                    new ClauseForecast(false, false, null, To, "the period ended"),
                    new DowntimeBreakdown(2_520_000, 72_000, 3_600, 12_345, "over the period"), series, method, null),
                new ClauseReport("mes-api-success", "MES API success", "ratio", "ratio", 0.99898, ">= 99.5%", 0.995, null, null, 0.9995, 0.9,
                    To.AddDays(-7), To, "MET", "Compliant", 4032, new string('b', 64),
                    new ClauseForecast(true, false, null, null, "no burn-rate rule fires"), null,
                    [.. series.Select(p => p with { Value = 0.999 })], method, null),
            ],
            [
                new BreachEpisodeReport("ACME-2026-017/press-availability/1", "press-availability", From.AddDays(11), From.AddDays(11).AddHours(2),
                    From.AddDays(30), "ClosedMissed", 7200, null, 2, [new TicketReference("files", "T-1.md", "delivered")]),
            ]);
    }
}
