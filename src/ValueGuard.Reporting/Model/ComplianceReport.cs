namespace ValueGuard.Reporting.Model;

/// <summary>
/// Everything a compliance report shows, already computed: the writers (HTML, CSV, JSON) only lay it out,
/// so every format carries the same numbers. <see cref="ReportHeader.LedgerHead"/> lets the reader verify
/// the report against the evidence ledger.
/// </summary>
public sealed record ComplianceReport(
    ReportHeader Header,
    IReadOnlyList<ClauseReport> Clauses,
    IReadOnlyList<BreachEpisodeReport> Episodes)
{
    /// <summary>The version of the JSON layout (docs/report-json.md).</summary>
    public string Schema { get; init; } = "valueguard-report/1";
}
