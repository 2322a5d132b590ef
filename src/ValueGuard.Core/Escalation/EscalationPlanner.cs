using ValueGuard.Core.Commitments;

namespace ValueGuard.Core.Escalation;

/// <summary>Decides which escalation action, if any, a commitment transition calls for.</summary>
public static class EscalationPlanner
{
    public static EscalationActionKind? ActionFor(CommitmentTransition transition) => transition.To switch
    {
        // A waiver neither ends an episode nor starts one: its expiry returns to the episode (and ticket) it interrupted.
        _ when transition.Trigger is CommitmentTrigger.Waive or CommitmentTrigger.WaiverExpired => null,
        CommitmentState.Breached => EscalationActionKind.Open,
        CommitmentState.Escalated => EscalationActionKind.Escalate,
        CommitmentState.Recovered when transition.EpisodeNumber > 0 => EscalationActionKind.Resolve,
        CommitmentState.ClosedMissed or CommitmentState.ClosedMet when transition.EpisodeNumber > 0 => EscalationActionKind.Close,
        _ => null,
    };

    /// <summary>Ticket priority by escalation level.</summary>
    public static string PriorityFor(EscalationActionKind kind, int level) => kind switch
    {
        EscalationActionKind.Open => "high",
        EscalationActionKind.Escalate => level >= 2 ? "immediate" : "urgent",
        _ => "normal",
    };
}
