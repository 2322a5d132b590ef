using System.Globalization;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Kpis;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>Writes what a ticket says about a transition, for the people who must act on it.</summary>
public static class TicketContentFactory
{
    public static TicketContent Create(Contract contract, Clause clause, CommitmentTransition t, KpiResult result, EscalationActionKind kind, string evidenceHash)
    {
        var assignee = kind == EscalationActionKind.Escalate && t.EscalationLevel >= 2
            ? contract.Owners.Sales ?? contract.Owners.Delivery
            : contract.Owners.Delivery ?? contract.Owners.CustomerSuccess;
        return new TicketContent(
            contract.Customer,
            contract.Id,
            clause.Id.Value,
            clause.Text,
            clause.Target.ToString(),
            result.FormatValue(),
            result.Coverage.ToString("P1", CultureInfo.InvariantCulture),
            result.Window.ToString(),
            t.To.ToString(),
            EscalationPlanner.PriorityFor(kind, t.EscalationLevel),
            assignee,
            evidenceHash);
    }
}
