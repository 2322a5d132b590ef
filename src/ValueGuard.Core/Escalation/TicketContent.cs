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
}
