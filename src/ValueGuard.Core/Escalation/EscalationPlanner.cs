using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;

namespace ValueGuard.Core.Escalation;

/// <summary>Decides which escalation action a commitment transition or a waiting breach calls for, under a policy.</summary>
public static class EscalationPlanner
{
    public static EscalationActionKind? ActionFor(CommitmentTransition transition) => transition.To switch
    {
        // A waiver neither ends an episode nor starts one: its expiry returns to the episode (and ticket) it interrupted.
        _ when transition.Trigger is CommitmentTrigger.Waive or CommitmentTrigger.WaiverExpired => null,
        CommitmentState.Breached => EscalationActionKind.Open,
        CommitmentState.Escalated => EscalationActionKind.Escalate,
        // A person took the breach on; the state machine lets that happen once per episode (Acknowledged ignores it).
        CommitmentState.Acknowledged when transition.Trigger == CommitmentTrigger.Acknowledge && transition.EpisodeNumber > 0 => EscalationActionKind.Acknowledge,
        CommitmentState.Recovered when transition.EpisodeNumber > 0 => EscalationActionKind.Resolve,
        CommitmentState.ClosedMissed or CommitmentState.ClosedMet when transition.EpisodeNumber > 0 => EscalationActionKind.Close,
        _ => null,
    };

    /// <summary>Ticket priority by escalation level under the default policy.</summary>
    public static string PriorityFor(EscalationActionKind kind, int level) =>
        kind is EscalationActionKind.Open or EscalationActionKind.Escalate or EscalationActionKind.Remind
            ? EscalationPolicy.Default.LevelAt(level).Priority
            : "normal";

    /// <summary>The plan for the action a transition calls for; null when it calls for none.</summary>
    public static EscalationPlan? Plan(CommitmentTransition transition, EscalationSchedule schedule, ContractOwners owners, IReadOnlyCollection<string> allSinks) =>
        ActionFor(transition) is { } kind ? Plan(kind, transition.EscalationLevel, transition.At, schedule, owners, allSinks) : null;

    /// <summary>
    /// The plan for <paramref name="kind"/> at <paramref name="level"/>. Opening, escalating and reminding
    /// go to the level's sinks; acknowledging, resolving and closing go to every sink that heard of the episode.
    /// </summary>
    public static EscalationPlan Plan(EscalationActionKind kind, int level, DateTimeOffset at, EscalationSchedule schedule, ContractOwners owners, IReadOnlyCollection<string> allSinks)
    {
        var policy = schedule.Policy;
        var current = policy.LevelAt(level);
        var people = current.Notify.Select(role => OwnerOf(owners, role)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        IEnumerable<string> sinks = kind is EscalationActionKind.Acknowledge or EscalationActionKind.Resolve or EscalationActionKind.Close
            ? policy.Levels.Take(Math.Clamp(level, 0, policy.MaxLevel) + 1).SelectMany(l => SinksOf(l, allSinks)).Distinct(StringComparer.Ordinal)
            : SinksOf(current, allSinks);
        var priority = kind is EscalationActionKind.Resolve or EscalationActionKind.Close ? "normal" : current.Priority;
        return new EscalationPlan(kind, level, priority, people.FirstOrDefault(), [.. people.Skip(1)],
            [.. sinks.Where(allSinks.Contains)], schedule.NotBefore(kind, at));
    }

    /// <summary>
    /// The at-risk notice a transition calls for: entering AtRisk from a good state (not improving from a breach), when
    /// the policy sends one, to its sinks among <paramref name="notificationSinks"/>; null otherwise. Held in quiet hours
    /// like other messages that page people.
    /// </summary>
    public static EscalationPlan? AtRiskPlan(CommitmentTransition transition, EscalationSchedule schedule, ContractOwners owners, IReadOnlyCollection<string> notificationSinks)
    {
        if (transition.To != CommitmentState.AtRisk || transition.From is CommitmentState.AtRisk or CommitmentState.Breached or CommitmentState.Escalated or CommitmentState.Acknowledged)
            return null;
        if (transition.Trigger is CommitmentTrigger.Waive or CommitmentTrigger.WaiverExpired || schedule.Policy.AtRisk is not { } notice) return null;
        var sinks = (notice.Sinks ?? [.. notificationSinks]).Where(notificationSinks.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (sinks.Count == 0) return null;
        var people = notice.Notify.Select(role => OwnerOf(owners, role)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var notBefore = schedule.Policy.QuietHours?.EndOf(transition.At, schedule.Zone) ?? transition.At;
        return new EscalationPlan(EscalationActionKind.AtRisk, 0, "normal", people.FirstOrDefault(), [.. people.Skip(1)], sinks, notBefore);
    }

    /// <summary>The owner a role names in the contract, or null when the contract names none.</summary>
    public static string? OwnerOf(ContractOwners owners, OwnerRole role) => role switch
    {
        OwnerRole.CustomerSuccess => owners.CustomerSuccess,
        OwnerRole.Delivery => owners.Delivery,
        _ => owners.Sales,
    };

    private static IEnumerable<string> SinksOf(EscalationLevel level, IReadOnlyCollection<string> allSinks) =>
        level.Sinks.Count == 0 ? allSinks : level.Sinks;
}
