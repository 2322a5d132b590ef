using NodaTime;
using ValueGuard.Core.Commitments;

namespace ValueGuard.Core.Escalation;

/// <summary>
/// A policy applied in a contract's time zone: when the next level is due, which reminder is due and
/// when a message may go out. Pure: the caller passes the instant.
/// </summary>
public sealed record EscalationSchedule(EscalationPolicy Policy, DateTimeZone Zone)
{
    /// <summary>The policy measured in UTC; for policies without business or quiet hours the zone does not matter.</summary>
    public static EscalationSchedule Utc(EscalationPolicy policy) => new(policy, DateTimeZone.Utc);

    /// <summary>Time on the escalation clock between two instants: business time when the policy has business hours.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) =>
        Policy.BusinessHours is { } hours ? hours.Between(from, to, Zone) : to > from ? to - from : TimeSpan.Zero;

    /// <summary>Whether an unacknowledged breach has waited long enough at its level to climb to the next.</summary>
    public bool EscalationDue(CommitmentSnapshot snapshot, DateTimeOffset at)
    {
        if (!Unacknowledged(snapshot) || snapshot.EscalationLevel >= Policy.MaxLevel) return false;
        var next = Policy.Levels[snapshot.EscalationLevel + 1];
        return Elapsed(snapshot.LastEscalationAt ?? snapshot.Since, at) >= next.After;
    }

    /// <summary>
    /// The number of the reminder due at <paramref name="at"/> (1 for the first) since the episode last
    /// opened or climbed, or null when none is due. The number only grows, so a reminder sent once is
    /// never planned again under the same key, and a gateway that was down sends one, not a backlog.
    /// </summary>
    public int? ReminderDue(CommitmentSnapshot snapshot, DateTimeOffset at)
    {
        if (Policy.RemindEvery is not { } every || every <= TimeSpan.Zero || !Unacknowledged(snapshot)) return null;
        if (EscalationDue(snapshot, at)) return null; // the escalation itself is the message
        var number = (int)Math.Min(int.MaxValue, Elapsed(snapshot.LastEscalationAt ?? snapshot.Since, at) / every);
        return number >= 1 ? number : null;
    }

    /// <summary>
    /// The earliest instant an action planned at <paramref name="at"/> may be delivered: messages that page
    /// people (escalations, reminders) wait for the end of quiet hours; state changes of the ticket do not.
    /// </summary>
    public DateTimeOffset NotBefore(EscalationActionKind kind, DateTimeOffset at) =>
        kind is EscalationActionKind.Escalate or EscalationActionKind.Remind && Policy.QuietHours?.EndOf(at, Zone) is { } end ? end : at;

    private static bool Unacknowledged(CommitmentSnapshot s) => s.State is CommitmentState.Breached or CommitmentState.Escalated;
}
