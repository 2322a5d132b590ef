using System.Globalization;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Kpis;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>Writes what a ticket says about a transition, for the people who must act on it.</summary>
public static class TicketContentFactory
{
    private const string Unknown = "unknown";

    /// <summary>The ticket's content; without a <paramref name="result"/> (the clause not evaluated since the gateway started) the figures read "unknown".</summary>
    public static TicketContent Create(Contract contract, Clause clause, CommitmentState state, KpiResult? result, EscalationPlan plan, string evidenceHash,
        string? forecast = null, Uri? reportsBaseUrl = null) =>
        new(
            contract.Customer,
            contract.Id,
            clause.Id.Value,
            clause.Text,
            clause.Target.ToString(),
            result?.FormatValue() ?? Unknown,
            result?.Coverage.ToString("P1", CultureInfo.InvariantCulture) ?? Unknown,
            result?.Window.ToString() ?? Unknown,
            state.ToString(),
            plan.Priority,
            plan.Assignee,
            evidenceHash)
        {
            Watchers = plan.Watchers,
            Forecast = forecast,
            ReportUrl = ReportUrl(reportsBaseUrl, contract.Id, clause.Id.Value),
        };

    /// <summary><c>BASE/CONTRACT/CLAUSE</c> with both ids escaped as path segments; null without a base URL.</summary>
    public static string? ReportUrl(Uri? baseUrl, string contractId, string clauseId) =>
        baseUrl is null ? null : new Uri(baseUrl, $"{Uri.EscapeDataString(contractId)}/{Uri.EscapeDataString(clauseId)}").AbsoluteUri;
}
