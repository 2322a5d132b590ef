namespace ValueGuard.Reporting;

/// <summary>
/// Everything a compliance report shows, already computed: the report writers only lay it out.
/// <see cref="LedgerHead"/> lets the reader verify the report against the evidence ledger.
/// </summary>
public sealed record ComplianceReport(
    string Customer,
    string ContractId,
    string Site,
    DateTimeOffset GeneratedAt,
    DateTimeOffset EvaluatedAt,
    string TimeZone,
    string LedgerHead,
    long LedgerRecords,
    IReadOnlyList<ClauseReportRow> Clauses,
    IReadOnlyList<BreachEpisodeRow> Episodes);

/// <summary>One clause's line in the report.</summary>
public sealed record ClauseReportRow(
    string ClauseId,
    string Text,
    string Kpi,
    string Target,
    string? Warn,
    string Actual,
    string Coverage,
    string MinCoverage,
    string Window,
    string Verdict,
    string State,
    int SampleCount,
    string InputsSha256,
    string Method);

/// <summary>One breach episode with its ticket.</summary>
public sealed record BreachEpisodeRow(string EpisodeId, string ClauseId, DateTimeOffset OpenedAt, string State, string Ticket, int EscalationLevel);
