using System.Globalization;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Kpis;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>Writes what a ticket says about a transition, for the people who must act on it.</summary>
public static class TicketContentFactory
{
    public static TicketContent Create(Contract contract, Clause clause, CommitmentState state, KpiResult result, EscalationPlan plan, string evidenceHash) =>
        new(
            contract.Customer,
            contract.Id,
            clause.Id.Value,
            clause.Text,
            clause.Target.ToString(),
            result.FormatValue(),
            result.Coverage.ToString("P1", CultureInfo.InvariantCulture),
            result.Window.ToString(),
            state.ToString(),
            plan.Priority,
            plan.Assignee,
            evidenceHash)
        {
            Watchers = plan.Watchers,
        };
}
