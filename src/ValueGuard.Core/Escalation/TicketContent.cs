namespace ValueGuard.Core.Escalation;

/// <summary>What a ticket says about a breach: enough for the vendor to act without opening the gateway.</summary>
public sealed record TicketContent(
    string Customer,
    string ContractId,
    string ClauseId,
    string ClauseText,
    string Target,
    string Actual,
    string Coverage,
    string Window,
    string State,
    string Priority,
    string? Assignee,
    string EvidenceHash)
{
    /// <summary>Owners told alongside the assignee (the other roles of the escalation level).</summary>
    public IReadOnlyList<string> Watchers { get; init; } = [];

    /// <summary>Where the clause is heading (a burn-rate warning, a projection to the period's end); null when nothing can be said.</summary>
    public string? Forecast { get; init; }

    /// <summary>The compliance report of the contract and clause (the site's <c>reports.base_url</c>); null when the site names none.</summary>
    public string? ReportUrl { get; init; }
}
